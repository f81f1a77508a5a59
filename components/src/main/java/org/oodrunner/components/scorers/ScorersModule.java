package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers the scorers. */
public final class ScorersModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        scorer("log_likelihood", "log p(x) under the model (nats); higher = more in-distribution",
                NoParams.class, (p, ctx) -> new LogLikelihoodScorer());
        scorer("elbo", "the evidence lower bound on log p(x) (nats) of a latent-variable model; higher = more "
                + "in-distribution", NoParams.class, (p, ctx) -> new ElboScorer());
    }
}
