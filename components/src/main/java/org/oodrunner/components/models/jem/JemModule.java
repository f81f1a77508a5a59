package org.oodrunner.components.models.jem;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code jem}. */
public final class JemModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        model("jem", "joint energy-based model (Grathwohl et al. 2020): a classifier trained on p(y|x) and, with "
                + "SGLD samples, on p(x); logits and unnormalised log p(x)", JemParams.class, (p, ctx) -> new JemModel(p));
    }
}
