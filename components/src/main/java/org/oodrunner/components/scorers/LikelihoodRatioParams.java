package org.oodrunner.components.scorers;

import org.oodrunner.framework.component.Param;

/** Parameters of {@code likelihood_ratio}. */
public record LikelihoodRatioParams(
        @Param(doc = "fraction of the background model's training values replaced by uniform noise (Ren et al.'s mu)",
                value = "0.2", min = 0, max = 1) double mu,
        @Param(doc = "training steps of the background model; null: `epochs`, or the run's own budget when both are null",
                value = "null", min = 1) Integer steps,
        @Param(doc = "passes over the perturbed training set when `steps` is null; null: the run's own budget",
                value = "null", min = 0, exclusiveMin = true) Double epochs,
        @Param(doc = "decoupled weight decay of the background model's optimiser (as train.optimizer.weight_decay; "
                + "Ren et al. regularise it so that it learns only low-level statistics); null: the run's",
                value = "null", min = 0) Double weightDecay,
        @Param(doc = "added to the run's seed for the background model's initialisation, batch order and noise",
                value = "1", min = 0) long seedOffset) {}
