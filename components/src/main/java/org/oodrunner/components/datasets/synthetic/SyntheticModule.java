package org.oodrunner.components.datasets.synthetic;

import org.oodrunner.framework.component.ComponentModule;

/** Registers {@code uniform_noise}, {@code gaussian_noise} and {@code constant}. */
public final class SyntheticModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        dataset("uniform_noise", "every value uniform in 0..255, from the run's seed (unlabelled, any shape)",
                UniformNoiseParams.class, (p, ctx) -> new SyntheticSource("uniform_noise", p, ctx.seed(), SyntheticSource.uniform()));
        dataset("gaussian_noise", "every value Gaussian on the [0,1] scale, clipped, from the run's seed (unlabelled, any shape)",
                GaussianNoiseParams.class, (p, ctx) -> new SyntheticSource("gaussian_noise", p, ctx.seed(),
                        SyntheticSource.gaussian(p.mean(), p.std())));
        dataset("constant", "images of one colour each (random per image, or a given value), from the run's seed",
                ConstantParams.class, (p, ctx) -> new SyntheticSource("constant", p, ctx.seed(), SyntheticSource.constant(p.value())));
    }
}
