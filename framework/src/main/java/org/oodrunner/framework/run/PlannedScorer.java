package org.oodrunner.framework.run;

import org.oodrunner.framework.component.Scorer;

/** A scorer with the label its results go under. */
public record PlannedScorer(String label, String type, Scorer scorer) {}
