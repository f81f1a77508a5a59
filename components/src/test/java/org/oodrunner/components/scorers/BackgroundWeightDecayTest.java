package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.ScoringRuns;
import org.oodrunner.framework.report.RunRecord;
import org.oodrunner.framework.run.RunOutcome;

/**
 * {@code likelihood_ratio.weight_decay} reaches the background model's optimiser: three
 * background models of a tiny flow, identical but for it, trained in one real run. Without the
 * parameter the background gets the run's weight decay (0 here), so it trains exactly like one
 * given weight_decay 0; a large decay shrinks its weights (the per-pixel mean and log-scale)
 * towards 0, the standard normal, which fits the training images worse.
 */
class BackgroundWeightDecayTest {
    static final String SPEC = """
            name: background_weight_decay
            description: likelihood ratios whose background models differ only in weight decay
            seed: 5
            data:
              train: {dataset: patterns, split: train, size: 128, seed: 1}
              test: {dataset: patterns, split: test, size: 32, seed: 2, label: smooth}
              ood: [{dataset: patterns, split: test, size: 32, pattern: noise, seed: 3, label: noise}]
            model: {type: tiny_flow}
            train: {steps: 40, batch_size: 32, log_every: 40, optimizer: {lr: 0.05}}
            scorers:
              - log_likelihood
              - {type: likelihood_ratio, name: run_decay, mu: 0.2, steps: 40}
              - {type: likelihood_ratio, name: no_decay, mu: 0.2, steps: 40, weight_decay: 0}
              - {type: likelihood_ratio, name: strong_decay, mu: 0.2, steps: 40, weight_decay: 10}
            metrics: [auroc]
            runtime: {intra_op_threads: 1, inter_op_threads: 1}
            export: {saved_model: false}
            samples: {count: 0}
            """;

    static Map<String, Map<String, double[]>> scores;
    static Map<String, Double> finalLoss;

    @BeforeAll
    static void run(@TempDir Path dir) throws IOException {
        RunOutcome outcome = new ScoringRuns(dir).run(SPEC);
        scores = RunRecord.read(outcome.files().dir()).scores();
        finalLoss = new java.util.HashMap<>();
        ObjectMapper json = new ObjectMapper();
        for (String line : Files.readAllLines(outcome.files().metrics())) {
            JsonNode m = json.readTree(line);
            String key = m.path("key").asText();
            if (key.endsWith("/background/loss") && m.path("step").asInt() == 40) {
                finalLoss.put(key.split("/")[1], m.path("value").asDouble());
            }
        }
    }

    @Test
    void withoutTheParameterTheBackgroundTrainsWithTheRunsWeightDecay() {
        assertEquals(finalLoss.get("no_decay"), finalLoss.get("run_decay"));
        for (String set : List.of("smooth", "noise")) {
            assertArrayEquals(scores.get("no_decay").get(set), scores.get("run_decay").get(set), 0.0, set);
        }
    }

    @Test
    void aStrongDecayShrinksTheBackgroundTowardsTheStandardNormal() {
        // log p = ll - lr: the background's log-likelihood of the in-distribution test images.
        double[] ll = scores.get("log_likelihood").get("smooth");
        double decayed = 0;
        double plain = 0;
        for (int i = 0; i < ll.length; i++) {
            decayed += ll[i] - scores.get("strong_decay").get("smooth")[i];
            plain += ll[i] - scores.get("no_decay").get("smooth")[i];
        }
        assertTrue(decayed < plain - ll.length, "background log p with decay " + decayed + ", without " + plain);
        assertTrue(finalLoss.get("strong_decay") > finalLoss.get("no_decay") + 0.1,
                "final background loss with decay " + finalLoss.get("strong_decay") + ", without "
                        + finalLoss.get("no_decay"));
    }
}
