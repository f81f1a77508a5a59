package org.oodrunner.framework.testing;

import java.util.List;
import java.util.OptionalInt;
import java.util.Set;
import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.component.Metric;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.NoParams;
import org.oodrunner.framework.component.Param;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.component.Scorer;
import org.oodrunner.framework.component.ScoringInput;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.tf.GraphContext;
import org.oodrunner.framework.tf.ModelGraph;

/**
 * Small components for framework tests (the framework itself knows none): a dataset of
 * constant images, a model with one parameter, a scorer and a metric. Not registered with
 * ServiceLoader, so other modules' tests never see them.
 */
public final class ToyComponents extends ComponentModule {
    public record ToyDatasetParams(
            @Param(doc = "images per split", value = "8", min = 1) int size,
            @Param(doc = "image side", value = "4", min = 1, max = 64) int side) {}

    public record ToyModelParams(
            @Param(doc = "hidden width", value = "16", min = 1) int width,
            @Param(doc = "a kind", value = "small") Kind kind,
            @Param(doc = "learning something", value = "1e-3", min = 0, exclusiveMin = true) double rate) {
        public enum Kind {
            SMALL,
            LARGE
        }
    }

    @Override
    protected void registerComponents() {
        dataset("toy", "constant images", ToyDatasetParams.class, (p, ctx) -> new ToyDataset(p));
        model("toy_model", "nothing much", ToyModelParams.class, (p, ctx) -> new ToyModel());
        scorer("toy_score", "the likelihood", NoParams.class, (p, ctx) -> new ToyScorer());
        scorer("toy_logits", "needs logits", NoParams.class, (p, ctx) -> new LogitsScorer());
        metric("toy_metric", "mean difference", NoParams.class, (p, ctx) -> (Metric) (in, out) -> 0.5);
    }

    static final class ToyDataset implements DatasetSource {
        private final ToyDatasetParams p;

        ToyDataset(ToyDatasetParams p) {
            this.p = p;
        }

        @Override
        public List<String> splits() {
            return List.of("train", "test");
        }

        @Override
        public ImageShape shape() {
            return new ImageShape(p.side(), p.side(), 1);
        }

        @Override
        public int numClasses() {
            return 2;
        }

        /** Known for the training split only: the test split's size is told by loading, as a folder's is. */
        @Override
        public OptionalInt size(String split) {
            return split.equals("train") ? OptionalInt.of(p.size()) : OptionalInt.empty();
        }

        @Override
        public ImageSet load(String split, LoadRequest request) {
            return request.fromArrays(shape(), new byte[p.size()][p.side() * p.side()], new int[p.size()], 2);
        }
    }

    static final class ToyModel implements Model {
        @Override
        public Set<Quantity> provides() {
            return Set.of(Quantity.LOG_LIKELIHOOD);
        }

        /** log p(x) = -sum_d (x_d - w)^2 up to a constant: one trainable parameter. */
        @Override
        public ModelGraph build(GraphContext g) {
            var tf = g.tf();
            var w = g.parameters().create(tf, "w", tf.constant(0f));
            var ll = tf.math.neg(tf.sum(tf.math.square(tf.math.sub(g.images(), w)), tf.constant(new int[] {1, 2, 3})));
            var loss = tf.math.mean(g.bitsPerDim(ll), tf.constant(0));
            return ModelGraph.builder().loss(loss).output(Quantity.LOG_LIKELIHOOD, ll).build();
        }
    }

    static final class ToyScorer implements Scorer {
        @Override
        public Set<Quantity> requires() {
            return Set.of(Quantity.LOG_LIKELIHOOD);
        }

        @Override
        public double[] score(ScoringInput input) {
            return input.get(Quantity.LOG_LIKELIHOOD).column();
        }
    }

    static final class LogitsScorer implements Scorer {
        @Override
        public Set<Quantity> requires() {
            return Set.of(Quantity.LOGITS);
        }

        @Override
        public double[] score(ScoringInput input) {
            return new double[input.images().size()];
        }
    }
}
