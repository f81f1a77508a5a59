package org.oodrunner.components.models.pixelcnn;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code pixelcnn}. */
public final class PixelCnnModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        model("pixelcnn", "autoregressive PixelCNN (gated or residual masked convolutions): exact log-likelihood of the "
                + "discrete pixels, ancestral sampling", PixelCnnParams.class, (p, ctx) -> new PixelCnnModel(p));
    }
}
