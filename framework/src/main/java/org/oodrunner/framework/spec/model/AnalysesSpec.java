package org.oodrunner.framework.spec.model;

import org.oodrunner.framework.component.Param;

/** Analyses from the papers that a run can add to its results and report. */
public record AnalysesSpec(
        @Param(doc = "second-moment analysis (Nalisnick et al. 2019): per-channel mean and variance of each dataset "
                + "and the predicted sign of E_ood[log p] - E_in[log p]", value = "false")
        boolean secondMoment,
        @Param(doc = "score the in-distribution test images converted to grayscale (3-channel data) and report the "
                + "change in log-likelihood", value = "false")
        boolean graying) {}
