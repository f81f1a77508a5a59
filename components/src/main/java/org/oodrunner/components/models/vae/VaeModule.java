package org.oodrunner.components.models.vae;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code vae}. */
public final class VaeModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        model("vae", "convolutional VAE over discrete pixels: trains on the ELBO, scores with an importance-weighted "
                + "bound on log p(x) (k samples) and the ELBO", VaeParams.class, (p, ctx) -> new VaeModel(p));
    }
}
