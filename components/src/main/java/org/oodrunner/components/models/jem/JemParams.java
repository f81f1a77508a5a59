package org.oodrunner.components.models.jem;

import org.oodrunner.framework.component.Param;

/**
 * Parameters of JEM (Grathwohl et al. 2020). The defaults are the reference code's CIFAR-10
 * setup; step sizes and noise are in the units of the model's input, which is [-1, 1] (as in the
 * paper) when {@code data.preprocess} normalises with mean 0.5 and std 0.5.
 */
public record JemParams(
        @Param(doc = "the classifier f(x) whose logits define p(y|x) = softmax f(x) and p(x) ~ sum_y exp f(x)[y]",
                value = "{}") NetworkParams network,
        @Param(doc = "weight of the log p(x) term (SGLD samples against the data); 0 trains a plain classifier",
                value = "1.0", min = 0) double pxWeight,
        @Param(doc = "standard deviation of the Gaussian noise added to every training input (model input units)",
                value = "0.03", min = 0) double inputNoise,
        @Param(doc = "add that noise when scoring and validating too, as the reference evaluation does (one fixed "
                + "draw per batch position, so scores do not depend on evaluation order)", value = "true")
        boolean evalInputNoise,
        @Param(doc = "the SGLD sampler of p(x) and its replay buffer", value = "{}") SgldParams sgld,
        @Param(doc = "training counts as diverged (train.on_divergence) when the mean log-sum-exp of the logits "
                + "of the data or of the SGLD samples leaves [-energy_limit, energy_limit]", value = "1.0e4",
                min = 0, exclusiveMin = true) double energyLimit,
        @Param(doc = "weight of a penalty on the energies' magnitude, energy_penalty * (mean logsumexp f(x_data)^2 + "
                + "mean logsumexp f(x_sgld)^2), added to the loss when px_weight > 0 (Du and Mordatch 2019): it holds "
                + "the energies near zero, where the SGLD samples' energy otherwise can run away; 0, the paper's JEM, "
                + "turns it off", value = "0", min = 0) double energyPenalty) {}
