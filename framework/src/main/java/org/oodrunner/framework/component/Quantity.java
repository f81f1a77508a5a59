package org.oodrunner.framework.component;

/**
 * Something a model computes per example that scorers consume. Scorers name the quantities
 * they need; models name the ones they provide; a mismatch is caught when a spec is checked.
 *
 * @param name spec-facing name, used in messages
 * @param doc what the value is, with units
 */
public record Quantity(String name, String doc) {
    /**
     * log p(x) in nats of the model's density over the dequantised image scaled to [0,1]^D.
     * A model of discrete pixels reports log P(bytes) + D log(levels), the density of its
     * piecewise-constant extension, so that every model's value means the same thing.
     * An energy-based model (JEM) gives it only up to its unknown log-normaliser, log p(x) + log Z,
     * and says so ({@code ModelGraph.likelihoodNormalized()}): scores built from it rank examples
     * alike, but the framework computes no bits/dim from it.
     */
    public static final Quantity LOG_LIKELIHOOD = new Quantity("log_likelihood",
            "log p(x), nats, density over the dequantised image in [0,1]^D");

    /**
     * For latent-variable models (VAE): the evidence lower bound E_q[log p(x, z) - log q(z|x)] <= log p(x),
     * in nats, over the same dequantised [0,1]^D input and with the same convention as
     * {@link #LOG_LIKELIHOOD} (a discrete decoder adds D log(levels)), so that bits/dim of it
     * is an upper bound on the model's bits/dim. The framework does not correct it by the input
     * transform's log-Jacobian: a model reports it as a density of the fed images
     * ({@code GraphContext.feed}).
     */
    public static final Quantity ELBO = new Quantity("elbo",
            "evidence lower bound on log p(x), nats, density over the dequantised image in [0,1]^D");

    /** For flows: log p_z(f(x)), the latent (prior) part of log p(x). */
    public static final Quantity LATENT_TERM = new Quantity("latent_term", "log p_z(f(x)), nats");

    /** For flows: log |det df/dx|, the volume part of log p(x). */
    public static final Quantity VOLUME_TERM = new Quantity("volume_term", "log |det df/dx|, nats");

    /**
     * ||d log p(x) / dx||_2 with x the fed image in [0,1]^D. Models do not build it: the
     * framework derives it from {@link #LOG_LIKELIHOOD} in the graph, and only when a scorer
     * asks for it (see {@code DerivedQuantities}).
     */
    public static final Quantity INPUT_GRADIENT_NORM = new Quantity("input_gradient_norm",
            "||d log p(x)/dx||_2 over the fed [0,1] image; derived by the framework from log_likelihood");

    /** For classifiers: unnormalised class scores f(x), one per class. */
    public static final Quantity LOGITS = new Quantity("logits", "f(x)[y] for each class y");

    @Override
    public String toString() {
        return name;
    }
}
