package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Bootstrap confidence intervals for every metric. */
public record BootstrapSpec(
        @Param(doc = "bootstrap resamples per interval; 0 turns intervals off", value = "1000", min = 0) int resamples,
        @Param(doc = "coverage of the percentile intervals", value = "0.95", min = 0, max = 1, exclusiveMin = true)
        double level) {}
