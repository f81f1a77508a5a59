package org.oodrunner.framework.track;

import java.util.Map;

/**
 * Who a run is, for trackers.
 *
 * @param experiment the tracking experiment name
 * @param name the run name (spec name plus grid coordinates)
 * @param hash the spec's content hash
 * @param description the spec's description, or null
 * @param axes grid coordinates (empty outside a grid)
 */
public record RunInfo(String experiment, String name, String hash, String description, Map<String, Object> axes) {}
