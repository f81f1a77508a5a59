package org.oodrunner.framework.metrics;

/**
 * A metric's value on the scores as given, with its bootstrap interval.
 *
 * @param interval null when the bootstrap is off ({@code resamples: 0})
 */
public record MetricValue(double value, ConfidenceInterval interval) {}
