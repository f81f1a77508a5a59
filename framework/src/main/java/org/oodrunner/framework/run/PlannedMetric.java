package org.oodrunner.framework.run;

import org.oodrunner.framework.component.Metric;

/** A metric with its name. */
public record PlannedMetric(String name, Metric metric) {}
