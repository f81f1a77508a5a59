package org.oodrunner.components.models.gaussian;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code gaussian}. */
public final class GaussianModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        model("gaussian", "independent per-pixel Gaussian or logistic density: the simplest likelihood baseline",
                GaussianParams.class, (p, ctx) -> new GaussianModel(p));
    }
}
