package org.oodrunner.framework.run.grid;

import java.util.Map;

/**
 * One point of a frozen grid as its record lists it.
 *
 * @param index the point's place in the grid (0-based; a Slurm array task id)
 * @param dir its run directory's name in the store
 * @param spec its resolved spec, relative to the grid's record ({@code points/<index>.yaml})
 */
public record FrozenPoint(int index, String dir, String name, String hash, Map<String, Object> axes, String spec) {}
