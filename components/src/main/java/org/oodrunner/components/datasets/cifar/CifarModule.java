package org.oodrunner.components.datasets.cifar;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code cifar10} and {@code cifar100}. */
public final class CifarModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("cifar10", "CIFAR-10 photos, 32x32x3, 10 classes (official binary archive)", NoParams.class,
                (p, ctx) -> CifarSource.cifar10(ctx.dataRoot()));
        dataset("cifar100", "CIFAR-100 photos, 32x32x3, 100 fine or 20 coarse classes (official binary archive)",
                Cifar100Params.class, (p, ctx) -> CifarSource.cifar100(ctx.dataRoot(), p.labels()));
    }
}
