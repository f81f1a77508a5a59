package org.oodrunner.framework.component;

/**
 * A value of the trained model as a whole (not per example) that an analysis can read from a
 * model graph that offers it, e.g. the per-channel gains of CV-Glow's 1x1 convolutions for the
 * second-moment analysis. A model that does not offer one is still analysed, with the
 * property's documented fallback.
 *
 * @param name spec-facing name, used in messages and results
 * @param doc what the value is, with its shape
 */
public record ModelProperty(String name, String doc) {
    /**
     * For flows whose volume term does not depend on x (CV-Glow): per image channel c,
     * alpha_c = prod_k sum_j u_{k,c,j} over the per-pixel linear layers u_k of the first level
     * (ActNorm and the invertible 1x1 convolutions), shape [C]. Nalisnick et al. (2019, eq. 6)
     * predict E_q[log p] - E_p[log p] from it.
     */
    public static final ModelProperty CHANNEL_ALPHA = new ModelProperty("channel_alpha",
            "alpha_c = prod_k sum_j u_{k,c,j} over the first level's ActNorm and 1x1 convolutions, shape [C]");

    @Override
    public String toString() {
        return name;
    }
}
