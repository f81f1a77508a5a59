package org.oodrunner.components.datasets.imagenet32;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code imagenet32}. */
public final class Imagenet32Module extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("imagenet32", "Downsampled ImageNet, 32x32x3, 1000 classes; splits train, val (official npz files)",
                NoParams.class, (p, ctx) -> new Imagenet32Source(ctx.dataRoot()));
    }
}
