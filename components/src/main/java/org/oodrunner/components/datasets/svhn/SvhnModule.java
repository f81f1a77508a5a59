package org.oodrunner.components.datasets.svhn;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code svhn}. */
public final class SvhnModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("svhn", "SVHN house-number digits, 32x32x3, 10 classes; splits train, test, extra (official .mat files)",
                NoParams.class, (p, ctx) -> new SvhnSource(ctx.dataRoot()));
    }
}
