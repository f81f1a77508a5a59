package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.ScoringRuns;
import org.oodrunner.framework.spec.SpecError;

/** Specs asking for what the model cannot give are refused before anything runs, naming both. */
class CapabilityChecksTest {
    @TempDir
    Path dir;

    private String spec(String model, String scorers, String extra) {
        return """
                name: checks
                data:
                  train: {dataset: patterns, split: train}
                  test: {dataset: patterns, split: test}
                  ood: [{dataset: patterns, split: test, pattern: noise, label: noise}]
                model: {type: %s}
                scorers: %s
                %s
                """.formatted(model, scorers, extra);
    }

    private SpecError refused(String yaml) {
        return assertThrows(SpecError.class, () -> new ScoringRuns(dir).plan(yaml));
    }

    @Test
    void aDerivedQuantityNeedsItsSource() {
        SpecError e = refused(spec("logits_only", "[gradient_norm]", ""));
        assertTrue(e.getMessage().contains("scorer 'gradient_norm' needs input_gradient_norm (derived from log_likelihood), "
                + "which model 'logits_only' does not provide (it provides logits)"), e.getMessage());
        assertTrue(e.getMessage().startsWith("spec.yaml:7:"), e.getMessage());
    }

    @Test
    void flowTermsNeedAFlow() {
        SpecError e = refused(spec("gaussian", "[log_likelihood, volume_term]", ""));
        assertTrue(e.getMessage().contains("scorer 'volume_term' needs volume_term, which model 'gaussian' does not provide"),
                e.getMessage());
    }

    @Test
    void scorersThatTrainExtraModelsNeedADensity() {
        for (String scorer : new String[] {"likelihood_ratio", "waic", "typicality", "input_complexity"}) {
            SpecError e = refused(spec("logits_only", "[" + scorer + "]", ""));
            assertTrue(e.getMessage().contains("needs log_likelihood, which model 'logits_only'"), e.getMessage());
        }
    }

    @Test
    void grayingNeedsColourAndALikelihood() {
        SpecError gray = refused(spec("gaussian", "[log_likelihood]", "analyses: {graying: true}"));
        assertTrue(gray.getMessage().contains("analyses.graying needs color images (3 channels), but the images have 1"),
                gray.getMessage());
        SpecError noDensity = refused(spec("logits_only", "[logit]", "analyses: {graying: true}"));
        assertTrue(noDensity.getMessage().contains("analyses.graying compares log-likelihoods, which model 'logits_only' "
                + "does not provide"), noDensity.getMessage());
    }

    @Test
    void aScorerCannotTakeTheNameOfAScoresCsvColumn() {
        SpecError e = refused(spec("gaussian", "[{type: log_likelihood, name: dataset}]", ""));
        assertTrue(e.getMessage().contains("a scorer cannot be named 'dataset'"), e.getMessage());
    }

    @Test
    void typicalityBootstrapsItsThresholdOnHeldOutDataOrSaysSo() {
        SpecError e = refused(spec("gaussian", "[typicality]", ""));
        assertTrue(e.getMessage().contains("scorer 'typicality' bootstraps its threshold on held-out data (Nalisnick et al. "
                + "2019, Algorithm 1), but the spec has no data.validation; set data.validation, e.g. {size: 0.1}, or "
                + "threshold_from: training"), e.getMessage());
        assertTrue(e.getMessage().startsWith("spec.yaml:7:"), e.getMessage());
        new ScoringRuns(dir).plan(spec("gaussian", "[{type: typicality, threshold_from: training}]", ""));
        new ScoringRuns(dir).plan(spec("gaussian", "[typicality]", "").replace("label: noise}]",
                "label: noise}]\n  validation: {size: 0.1}"));
    }

    @Test
    void everyScorerIsAcceptedForAFlowWithColourImages() {
        new ScoringRuns(dir).plan(spec("tiny_flow", "[log_likelihood, bits_per_dim, latent_term, volume_term, gradient_norm, "
                + "likelihood_ratio, input_complexity, {type: typicality, threshold_from: training}, waic]",
                "analyses: {graying: true, second_moment: true}")
                .replace("split: train}", "split: train, channels: 3}").replace("split: test}", "split: test, channels: 3}")
                .replace("label: noise}", "label: noise, channels: 3}"));
    }
}
