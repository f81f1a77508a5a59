package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers the scorers. */
public final class ScorersModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        scorer("log_likelihood", "log p(x) under the model (nats); higher = more in-distribution",
                NoParams.class, (p, ctx) -> new LogLikelihoodScorer());
        scorer("max_softmax", "max_y p(y|x), the classifier's confidence (needs logits); higher = more in-distribution",
                NoParams.class, (p, ctx) -> new MaxSoftmaxScorer());
    }
}
