package org.oodrunner.components.models.jem;

import org.oodrunner.framework.component.Param;

/**
 * Stochastic gradient Langevin dynamics as JEM runs it, from persistent chains: each training
 * step draws start points from a replay buffer (re-initialised to uniform noise with a small
 * probability), takes {@code steps} steps x += step_size * d/dx logsumexp f(x) + noise * N(0, I)
 * and writes the results back.
 */
public record SgldParams(
        @Param(doc = "SGLD steps per training step", value = "20", min = 1) int steps,
        @Param(doc = "gradient step size", value = "1.0", min = 0, exclusiveMin = true) double stepSize,
        @Param(doc = "standard deviation of the Gaussian noise added at every step", value = "0.01", min = 0)
        double noise,
        @Param(doc = "samples kept in the replay buffer; each training step draws batch_size of them (at most "
                + "all) without replacement", value = "10000", min = 1) int bufferSize,
        @Param(doc = "probability that a drawn start point is replaced by fresh uniform noise", value = "0.05",
                min = 0, max = 1) double reinitProbability) {}
