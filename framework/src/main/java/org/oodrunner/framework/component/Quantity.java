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

    /** For flows: log p_z(f(x)), the latent (prior) part of log p(x). */
    public static final Quantity LATENT_TERM = new Quantity("latent_term", "log p_z(f(x)), nats");

    /** For flows: log |det df/dx|, the volume part of log p(x). */
    public static final Quantity VOLUME_TERM = new Quantity("volume_term", "log |det df/dx|, nats");

    /** For classifiers: unnormalised class scores f(x), one per class. */
    public static final Quantity LOGITS = new Quantity("logits", "f(x)[y] for each class y");

    @Override
    public String toString() {
        return name;
    }
}
