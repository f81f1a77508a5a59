package org.oodrunner.framework.run;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.component.Model;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.spec.ResolvedSpec;

/** A spec made concrete: every component created and every cross-check passed. Nothing has run yet. */
public record ExperimentPlan(
        ResolvedSpec resolved,
        PlannedDataset train,
        PlannedDataset test,
        List<PlannedDataset> ood,
        Model model,
        List<PlannedScorer> scorers,
        List<PlannedMetric> metrics) {

    /** The union of what the scorers need from the model. */
    public Set<Quantity> requiredQuantities() {
        Set<Quantity> q = new LinkedHashSet<>();
        for (PlannedScorer s : scorers) q.addAll(s.scorer().requires());
        return q;
    }

    /** The evaluation sets: the in-distribution test set first, then each OOD set. */
    public List<PlannedDataset> evaluationSets() {
        List<PlannedDataset> all = new ArrayList<>();
        all.add(test);
        all.addAll(ood);
        return all;
    }
}
