package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;
import org.oodrunner.framework.component.Quantity;

/** Registers the scorers. Every score is per example, higher = more in-distribution. */
public final class ScorersModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        scorer("log_likelihood", "log p(x) under the model (nats); higher = more in-distribution",
                NoParams.class, (p, ctx) -> new QuantityScorer(Quantity.LOG_LIKELIHOOD));
        scorer("bits_per_dim", "minus bits per dimension of the discrete image (ranks as log_likelihood)",
                NoParams.class, (p, ctx) -> new BitsPerDimScorer());
        scorer("latent_term", "flows: the latent part of log p(x), log p_z(f(x)) (nats)",
                NoParams.class, (p, ctx) -> new QuantityScorer(Quantity.LATENT_TERM));
        scorer("volume_term", "flows: the volume part of log p(x), log |det df/dx| (nats)",
                NoParams.class, (p, ctx) -> new QuantityScorer(Quantity.VOLUME_TERM));
        scorer("likelihood_ratio", "Ren et al. 2019: log p(x) minus a background model's, trained in the run on noised data",
                LikelihoodRatioParams.class, (p, ctx) -> new LikelihoodRatioScorer(p));
        scorer("input_complexity", "Serra et al. 2020: compressed length L(x) + log2 p(x), i.e. minus S(x) (bits)",
                InputComplexityParams.class, (p, ctx) -> new InputComplexityScorer(p));
        scorer("typicality", "Nalisnick et al. 2019b: -|-log p(x) - H|; also a batch-level test per batch size M",
                TypicalityParams.class, (p, ctx) -> new TypicalityScorer(p));
        scorer("waic", "Choi et al. 2018: mean minus variance of log p(x) over an ensemble trained in the run",
                WaicParams.class, (p, ctx) -> new WaicScorer(p));
        scorer("gradient_norm", "JEM's approximate mass: -||d log p(x)/dx||, for any model with log p(x)",
                NoParams.class, (p, ctx) -> new GradientNormScorer());
        scorer("elbo", "the evidence lower bound on log p(x) (nats) of a latent-variable model; higher = more "
                + "in-distribution", NoParams.class, (p, ctx) -> new QuantityScorer(Quantity.ELBO));
                scorer("max_softmax", "max_y p(y|x), the classifier's confidence (needs logits); higher = more in-distribution",
                NoParams.class, (p, ctx) -> new MaxSoftmaxScorer());
    }
}
