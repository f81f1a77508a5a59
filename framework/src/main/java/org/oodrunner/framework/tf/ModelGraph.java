package org.oodrunner.framework.tf;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * What a model's graph offers the framework: the scalar training loss, per-example outputs
 * by {@link Quantity} ([batch] or [batch, width]) and scalar metrics to log while training.
 */
public final class ModelGraph {
    private final Operand<TFloat32> loss;
    private final Map<Quantity, Operand<TFloat32>> outputs;
    private final Map<String, Operand<TFloat32>> trainingMetrics;

    private ModelGraph(Builder b) {
        this.loss = Objects.requireNonNull(b.loss, "a model graph needs a loss");
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
        this.trainingMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.trainingMetrics));
    }

    public static Builder builder() {
        return new Builder();
    }

    public Operand<TFloat32> loss() {
        return loss;
    }

    public Map<Quantity, Operand<TFloat32>> outputs() {
        return outputs;
    }

    public Operand<TFloat32> output(Quantity q) {
        Operand<TFloat32> op = outputs.get(q);
        if (op == null) throw new IllegalStateException("the model graph has no output " + q);
        return op;
    }

    public Map<String, Operand<TFloat32>> trainingMetrics() {
        return trainingMetrics;
    }

    public static final class Builder {
        private Operand<TFloat32> loss;
        private final Map<Quantity, Operand<TFloat32>> outputs = new LinkedHashMap<>();
        private final Map<String, Operand<TFloat32>> trainingMetrics = new LinkedHashMap<>();

        public Builder loss(Operand<TFloat32> loss) {
            this.loss = loss;
            return this;
        }

        public Builder output(Quantity quantity, Operand<TFloat32> perExample) {
            outputs.put(quantity, perExample);
            return this;
        }

        /** A scalar logged at every logging step of training, e.g. {@code bits_per_dim}. */
        public Builder trainingMetric(String name, Operand<TFloat32> scalar) {
            trainingMetrics.put(name, scalar);
            return this;
        }

        public ModelGraph build() {
            return new ModelGraph(this);
        }
    }
}
