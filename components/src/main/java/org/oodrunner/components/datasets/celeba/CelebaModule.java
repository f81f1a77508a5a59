package org.oodrunner.components.datasets.celeba;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code celeba}. */
public final class CelebaModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("celeba", "CelebA aligned faces, 218x178x3 (HxW), unlabelled; splits train, valid, test (official zip)",
                NoParams.class, (p, ctx) -> new CelebaSource(ctx.dataRoot()));
    }
}
