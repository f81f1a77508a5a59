package org.oodrunner.components.metrics;

import org.oodrunner.framework.component.ComponentModule;
import org.oodrunner.framework.component.NoParams;

/** Registers the OOD detection metrics. */
public final class MetricsModule extends ComponentModule {
    @Override
    protected void registerComponents() {
        metric("auroc", "area under the ROC curve (in-distribution positive); 0.5 is chance",
                NoParams.class, (p, ctx) -> new Auroc());
        metric("aupr_in", "area under precision-recall, in-distribution positive",
                NoParams.class, (p, ctx) -> new AuprIn());
        metric("aupr_out", "area under precision-recall, OOD positive (scores negated)",
                NoParams.class, (p, ctx) -> new AuprOut());
        metric("fpr_at_95_tpr", "fraction of OOD accepted when 95% of in-distribution is accepted; lower is better",
                FprAtTprParams.class, (p, ctx) -> new FprAtTpr(p.tpr()));
        metric("detection_error", "min over thresholds of (1 - TPR)/2 + FPR/2; 0.5 is chance, lower is better",
                NoParams.class, (p, ctx) -> new DetectionError());
    }
}
