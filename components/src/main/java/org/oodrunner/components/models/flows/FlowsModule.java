package org.oodrunner.components.models.flows;

import org.oodrunner.components.models.flows.glow.CvGlowParams;
import org.oodrunner.components.models.flows.glow.GlowModel;
import org.oodrunner.components.models.flows.glow.GlowParams;
import org.oodrunner.components.models.flows.realnvp.RealNvpModel;
import org.oodrunner.components.models.flows.realnvp.RealNvpParams;
import org.oodrunner.components.models.flows.mlp.MlpFlowModel;
import org.oodrunner.components.models.flows.mlp.MlpFlowParams;
import org.oodrunner.framework.component.ComponentModule;

/** Registers the normalizing flows: {@code realnvp}, {@code glow}, {@code cv_glow}, {@code mlp_flow}. */
public final class FlowsModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        model("realnvp", "RealNVP: multi-scale affine coupling flow with configurable masks and s/t networks",
                RealNvpParams.class, (p, ctx) -> new RealNvpModel(p));
        model("glow", "Glow: actnorm, invertible 1x1 convolutions, affine or additive couplings, L levels x K steps",
                GlowParams.class, (p, ctx) -> GlowModel.glow(p));
        model("cv_glow", "constant-volume Glow: additive couplings only, so log|det df/dx| does not depend on x",
                CvGlowParams.class, (p, ctx) -> GlowModel.cvGlow(p));
        model("mlp_flow", "a flow for vectors (a classifier's features, data.features): actnorm, mixing and affine "
                + "couplings with MLP s/t networks", MlpFlowParams.class, (p, ctx) -> new MlpFlowModel(p));
    }
}
