package org.oodrunner.components.models.flows.mlp;

/** How {@code mlp_flow} mixes the values before each coupling, so alternating halves meet every value. */
public enum Mixing {
    /** The values in reverse order (RealNVP's alternation for vectors). */
    REVERSE,
    /** A fixed random permutation per step, drawn from the seed. */
    RANDOM,
    /** Glow's learned invertible linear map (an LU-parametrised 1x1 convolution on a [1, 1, D] vector). */
    LU
}
