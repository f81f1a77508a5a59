package org.oodrunner.framework.spec.model;

import java.util.List;
import org.oodrunner.framework.component.Param;

/** A whole experiment, as a spec file describes it once {@code extends}, grid and interpolation are resolved. */
public record ExperimentSpec(
        @Param(doc = "experiment name: names the run directory and the tracked run") String name,
        @Param(doc = "what the experiment is for, shown in the run's notes", value = "null") String description,
        @Param(doc = "seed for everything random: initialisation, data order, dequantisation noise", value = "0", min = 0)
        long seed,
        @Param(doc = "the in-distribution and out-of-distribution datasets and their preprocessing") DataSpec data,
        @Param(doc = "the model, by type, with its parameters") ModelRef model,
        @Param(doc = "training budget and optimiser", value = "{}") TrainSpec train,
        @Param(doc = "how evaluation batches the data", value = "{}") EvalSpec eval,
        @Param(doc = "OOD scores to compute; each gives one score per example, higher = more in-distribution",
                value = "[log_likelihood]") List<ScorerRef> scorers,
        @Param(doc = "metrics comparing in-distribution and OOD scores",
                value = "[auroc, aupr_in, aupr_out, fpr_at_95_tpr]") List<MetricRef> metrics,
        @Param(doc = "images drawn from the trained model, saved as PNG grids", value = "{}") SampleSpec samples,
        @Param(doc = "where runs are logged besides the local run store", value = "{}") TrackingSpec tracking,
        @Param(doc = "where and how the run executes; does not change what it computes", value = "{}")
        RuntimeSpec runtime,
        @Param(doc = "what the run exports besides its results", value = "{}") ExportSpec export,
        @Param(doc = "analyses from the papers, added to the results and the report", value = "{}")
        AnalysesSpec analyses) {}
