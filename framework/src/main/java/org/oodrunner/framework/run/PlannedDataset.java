package org.oodrunner.framework.run;

import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.spec.model.DatasetRef;

/**
 * A dataset reference checked against its source.
 *
 * @param label how results name the set ({@code mnist/test} unless the spec says otherwise)
 * @param pointer where the reference sits in the spec (JSON pointer), for later errors
 */
public record PlannedDataset(DatasetRef ref, DatasetSource source, String split, String label, String pointer) {}
