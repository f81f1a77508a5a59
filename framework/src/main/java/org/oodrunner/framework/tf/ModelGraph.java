package org.oodrunner.framework.tf;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.oodrunner.framework.component.ModelProperty;
import org.oodrunner.framework.component.Quantity;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * What a model's graph offers the framework: the scalar training loss, per-example outputs
 * by {@link Quantity} ([batch] or [batch, width]), scalar metrics to log while training,
 * data-dependent initialisation (run once on the first training batch, as Glow's ActNorm
 * needs) and, optionally, a sampler.
 *
 * <p>Models whose training carries state from step to step (JEM's replay buffer of SGLD
 * samples) keep it in graph variables, so checkpoints save and restore it with the weights, and
 * give the ops that update it as {@link #stepUpdates()}. A model may name {@link #bounds()}: scalars
 * the divergence guard checks every step besides the loss and gradient norm.
 */
public final class ModelGraph {
    private final Operand<TFloat32> loss;
    private final Map<Quantity, Operand<TFloat32>> outputs;
    private final Map<String, Operand<TFloat32>> trainingMetrics;
    private final List<Op> initOps;
    private final Sampler sampler;
    private final Map<ModelProperty, Operand<TFloat32>> properties;
    private final List<Op> stepUpdates;
    private final List<Bound> bounds;
    private final boolean likelihoodNormalized;
    private final List<Operand<TFloat32>> latents;

    /**
     * A scalar that must stay finite and within {@code [-limit, limit]} while training; the
     * divergence guard treats a breach like a non-finite loss (stop, or restart per
     * {@code train.on_divergence}).
     *
     * @param what names the value and the spec key that sets {@code limit}, for the message
     */
    public record Bound(String what, Operand<TFloat32> value, double limit) {}

    private ModelGraph(Builder b) {
        this.loss = Objects.requireNonNull(b.loss, "a model graph needs a loss");
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(b.outputs));
        this.trainingMetrics = Collections.unmodifiableMap(new LinkedHashMap<>(b.trainingMetrics));
        this.initOps = List.copyOf(b.initOps);
        this.sampler = b.sampler;
        this.properties = Collections.unmodifiableMap(new LinkedHashMap<>(b.properties));
        this.stepUpdates = List.copyOf(b.stepUpdates);
        this.bounds = List.copyOf(b.bounds);
        this.likelihoodNormalized = b.likelihoodNormalized;
        this.latents = List.copyOf(b.latents);
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

    /** Ops to run once, with the first training batch fed, before the first step (not when resuming). */
    public List<Op> initOps() {
        return initOps;
    }

    public Optional<Sampler> sampler() {
        return Optional.ofNullable(sampler);
    }

    /** Whole-model values (fetched without a feed) that analyses may read. */
    public Map<ModelProperty, Operand<TFloat32>> properties() {
        return properties;
    }

    /**
     * Ops run with every training step, in the same session run as the optimiser's update (and
     * never when evaluating): updates of training state kept in graph variables.
     */
    public List<Op> stepUpdates() {
        return stepUpdates;
    }

    /** Scalars checked by the divergence guard at every training step. */
    public List<Bound> bounds() {
        return bounds;
    }

    /**
     * False when {@link Quantity#LOG_LIKELIHOOD} is log p(x) only up to an unknown constant
     * (log Z of an energy-based model): differences between examples mean something, bits/dim
     * does not, and the framework reports none.
     */
    public boolean likelihoodNormalized() {
        return likelihoodNormalized;
    }

    /**
     * A flow's latents z = f(x) of the fed images, one tensor [batch, h, w, c] per level (the
     * factored-out parts, then the top), for the latent figure; empty for other models.
     */
    public List<Operand<TFloat32>> latents() {
        return latents;
    }

    /** The same graph with a different output for one quantity (the framework adjusts outputs). */
    public ModelGraph withOutput(Quantity quantity, Operand<TFloat32> perExample) {
        Builder b = copy();
        b.outputs.put(quantity, perExample);
        return new ModelGraph(b);
    }

    /** The same graph offering one more whole-model value (or a different one). */
    public ModelGraph withProperty(ModelProperty property, Operand<TFloat32> value) {
        Builder b = copy();
        b.properties.put(property, value);
        return new ModelGraph(b);
    }

    private Builder copy() {
        Builder b = new Builder();
        b.loss = loss;
        b.outputs.putAll(outputs);
        b.trainingMetrics.putAll(trainingMetrics);
        b.initOps.addAll(initOps);
        b.sampler = sampler;
        b.properties.putAll(properties);
        b.stepUpdates.addAll(stepUpdates);
        b.bounds.addAll(bounds);
        b.likelihoodNormalized = likelihoodNormalized;
        b.latents.addAll(latents);
        return b;
    }

    public static final class Builder {
        private Operand<TFloat32> loss;
        private final Map<Quantity, Operand<TFloat32>> outputs = new LinkedHashMap<>();
        private final Map<String, Operand<TFloat32>> trainingMetrics = new LinkedHashMap<>();
        private final List<Op> initOps = new ArrayList<>();
        private Sampler sampler;
        private final Map<ModelProperty, Operand<TFloat32>> properties = new LinkedHashMap<>();
        private final List<Op> stepUpdates = new ArrayList<>();
        private final List<Bound> bounds = new ArrayList<>();
        private boolean likelihoodNormalized = true;
        private final List<Operand<TFloat32>> latents = new ArrayList<>();

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

        /** Data-dependent initialisation: run once on the first training batch. */
        public Builder initOp(Op op) {
            initOps.add(op);
            return this;
        }

        public Builder sampler(Sampler sampler) {
            this.sampler = sampler;
            return this;
        }

        /** A whole-model value computed from the variables alone (no feed), e.g. CV-Glow's channel gains. */
        public Builder property(ModelProperty property, Operand<TFloat32> value) {
            properties.put(property, value);
            return this;
        }

        /** An op to run with every training step (see {@link ModelGraph#stepUpdates()}). */
        public Builder stepUpdate(Op op) {
            stepUpdates.add(op);
            return this;
        }

        /** A scalar the divergence guard keeps finite and within {@code [-limit, limit]}. */
        public Builder bound(String what, Operand<TFloat32> scalar, double limit) {
            bounds.add(new Bound(what, scalar, limit));
            return this;
        }

        /** Declares the {@code LOG_LIKELIHOOD} output unnormalised (see {@link ModelGraph#likelihoodNormalized()}). */
        public Builder unnormalizedLikelihood() {
            likelihoodNormalized = false;
            return this;
        }

        /** A flow's latents per level (see {@link ModelGraph#latents()}). */
        public Builder latents(List<Operand<TFloat32>> perLevel) {
            latents.addAll(perLevel);
            return this;
        }

        public ModelGraph build() {
            return new ModelGraph(this);
        }
    }
}
