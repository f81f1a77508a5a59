package org.oodrunner.framework.run.stages;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.analysis.ChannelMoments;
import org.oodrunner.framework.analysis.Grayscale;
import org.oodrunner.framework.analysis.SecondMomentAssumptions;
import org.oodrunner.framework.analysis.SecondMomentPrediction;
import org.oodrunner.framework.component.ModelProperty;
import org.oodrunner.framework.component.PerExample;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.Summary;
import org.oodrunner.framework.tf.TensorIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.types.TFloat32;

/**
 * The analyses a spec turns on ({@code analyses:}): the second-moment analysis and graying of
 * Nalisnick et al. (2019). Results go to {@code results.json} under {@code analyses}, to the
 * tracker, and to the log.
 */
public final class AnalysisStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(AnalysisStage.class);

    @Override
    public String name() {
        return "analyses";
    }

    @Override
    public void run(RunContext ctx) {
        if (ctx.spec().analyses().secondMoment()) secondMoment(ctx);
        if (ctx.spec().analyses().graying()) graying(ctx);
    }

    private static void secondMoment(RunContext ctx) {
        ObjectNode out = ctx.analyses().putObject("second_moment");
        Map<String, ChannelMoments> moments = new LinkedHashMap<>();
        // p* of the derivation is the training distribution: the training set is the reference.
        ChannelMoments reference = ChannelMoments.of(ctx.trainSet(), ctx.preprocessing());
        moments.put(ctx.trainSet().name(), reference);
        ctx.evaluationSets().forEach((label, set) -> moments.put(label, ChannelMoments.of(set, ctx.preprocessing())));
        ObjectNode datasets = out.putObject("datasets");
        moments.forEach((label, m) -> {
            ObjectNode d = datasets.putObject(label);
            d.put("n", m.n());
            d.set("mean", doubles(d, m.mean()));
            d.set("variance", doubles(d, m.variance()));
            d.set("pixel_variance_sum", doubles(d, m.pixelVarianceSum()));
            LOG.info("second moment: {} per-channel mean {} variance {} sum of pixel variances {}", label, fmt(m.mean()),
                    fmt(m.variance()), fmt(m.pixelVarianceSum()));
        });
        double[] alpha = channelAlpha(ctx);
        out.put("alpha_source", alpha != null ? "model" : "none: every alpha_c taken as 1 (the sign is exact for one channel)");
        Map<String, Double> meanLogLikelihood = meanLogLikelihoods(ctx);
        ObjectNode predictions = out.putObject("predictions");
        for (String ood : ctx.oodLabels()) {
            SecondMomentPrediction p = SecondMomentPrediction.of(reference, moments.get(ood), alpha);
            ObjectNode o = predictions.putObject(ood);
            o.put("reference", ctx.trainSet().name());
            SecondMomentAssumptions assumptions = SecondMomentAssumptions.of(reference, moments.get(ood), alpha != null);
            ObjectNode a = o.putObject("assumptions");
            a.put("constant_volume", assumptions.constantVolume());
            a.put("common_mean", assumptions.commonMean());
            a.set("mean_gap_in_sd", doubles(a, assumptions.meanGapInSd()));
            a.put("hold", assumptions.hold());
            if (!assumptions.hold()) {
                a.put("caveat", assumptions.violations() + ": outside the expression's derivation, so the predicted sign "
                        + "is no test of it");
                LOG.warn("second moment: {}: {}; the predicted sign is no test of the expression", ood, assumptions.violations());
            }
            o.set("alpha", doubles(o, p.alpha()));
            o.set("variance_gap", doubles(o, p.varianceGap()));
            o.put("predicted_sigma2_times_difference", p.predicted());
            o.put("predicted_sign", p.sign());
            Double measured = null;
            if (meanLogLikelihood.containsKey(ood)) {
                // Measured against the in-distribution test set: a sample of p* the model did not train on.
                measured = meanLogLikelihood.get(ood) - meanLogLikelihood.get(ctx.testLabel());
                o.put("measured_reference", ctx.testLabel());
                o.put("measured_difference", measured);
                o.put("measured_sign", (int) Math.signum(measured));
                ctx.tracker().logMetric("analysis/second_moment/" + ood + "/measured_difference", measured, ctx.trainedSteps());
            }
            ctx.tracker().logMetric("analysis/second_moment/" + ood + "/predicted_sign", p.sign(), ctx.trainedSteps());
            LOG.info("second moment: E[log p] on {} minus on {}: predicted sign {} (sigma^2 x difference {}; per-channel "
                    + "sum of variance gaps {}), measured {}", ood, ctx.trainSet().name(), p.sign() > 0 ? "+" : p.sign() < 0 ? "-" : "0",
                    String.format(Locale.ROOT, "%.4g", p.predicted()), fmt(p.varianceGap()),
                    measured == null ? "n/a (no log-likelihood)" : String.format(Locale.ROOT, "%+.4g nats", measured));
        }
    }

    /** alpha_c from the trained model when its graph offers it; null otherwise. */
    private static double[] channelAlpha(RunContext ctx) {
        Operand<TFloat32> op = ctx.modelGraph().properties().get(ModelProperty.CHANNEL_ALPHA);
        if (op == null) return null;
        try (Result r = ctx.runtime().session().runner().fetch(op).run()) {
            float[] f = TensorIO.toFloats(r.get(0));
            double[] a = new double[f.length];
            for (int i = 0; i < f.length; i++) a[i] = f[i];
            return a;
        }
    }

    private static Map<String, Double> meanLogLikelihoods(RunContext ctx) {
        Map<String, Double> out = new LinkedHashMap<>();
        ctx.quantities().forEach((label, q) -> {
            PerExample ll = q.get(Quantity.LOG_LIKELIHOOD);
            if (ll != null) out.put(label, Summary.of(ll.column()).mean());
        });
        return out;
    }

    private static void graying(RunContext ctx) {
        ImageSet test = ctx.evaluationSets().get(ctx.testLabel());
        PerExample original = ctx.quantities().get(ctx.testLabel()).get(Quantity.LOG_LIKELIHOOD);
        if (original == null) {
            original = ctx.runModel().evaluate(test, Set.of(Quantity.LOG_LIKELIHOOD)).get(Quantity.LOG_LIKELIHOOD);
        }
        PerExample gray = ctx.runModel().evaluate(Grayscale.of(test), Set.of(Quantity.LOG_LIKELIHOOD))
                .get(Quantity.LOG_LIKELIHOOD);
        double[] change = new double[original.n()];
        int raised = 0;
        for (int i = 0; i < change.length; i++) {
            change[i] = gray.get(i) - original.get(i);
            if (change[i] > 0) raised++;
        }
        int dims = test.shape().dims();
        double meanOriginal = Summary.of(original.column()).mean();
        double meanGray = Summary.of(gray.column()).mean();
        Summary delta = Summary.of(change);
        ObjectNode out = ctx.analyses().putObject("graying");
        out.put("dataset", ctx.testLabel());
        out.put("n", change.length);
        out.put("mean_log_likelihood", meanOriginal);
        out.put("mean_log_likelihood_gray", meanGray);
        out.put("mean_change", delta.mean());
        out.put("std_change", delta.std());
        out.put("fraction_raised", (double) raised / change.length);
        out.put("bits_per_dim", ctx.preprocessing().bitsPerDim(meanOriginal, dims));
        out.put("bits_per_dim_gray", ctx.preprocessing().bitsPerDim(meanGray, dims));
        ctx.tracker().logMetric("analysis/graying/mean_change", delta.mean(), ctx.trainedSteps());
        LOG.info("graying {}: mean log-likelihood {} -> {} (change {} nats, raised for {}% of images)", ctx.testLabel(),
                String.format(Locale.ROOT, "%.2f", meanOriginal), String.format(Locale.ROOT, "%.2f", meanGray),
                String.format(Locale.ROOT, "%+.2f", delta.mean()),
                String.format(Locale.ROOT, "%.1f", 100.0 * raised / change.length));
    }

    private static ArrayNode doubles(ObjectNode parent, double[] values) {
        ArrayNode a = parent.arrayNode();
        for (double v : values) a.add(v);
        return a;
    }

    private static String fmt(double[] v) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) sb.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.5g", v[i]));
        return sb.append(']').toString();
    }
}
