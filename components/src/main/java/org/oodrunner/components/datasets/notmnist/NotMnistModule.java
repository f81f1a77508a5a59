package org.oodrunner.components.datasets.notmnist;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers {@code notmnist}. */
public final class NotMnistModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("notmnist", "notMNIST letter glyphs A-J, 28x28x1, 10 classes; splits small, large (official archives)",
                NoParams.class, (p, ctx) -> new NotMnistSource(ctx.dataRoot()));
    }
}
