package org.oodrunner.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.runner.Cli;

/** `runner bench profile` on a tiny RealNVP: the tables name its layers and kernels, and the Chrome trace holds both profiles. */
class ProfileBenchTest {
    private static final String TINY_REALNVP = """
            name: tiny_realnvp_profile
            seed: 3
            data:
              train: {dataset: fashion_mnist, split: train}
              test: {dataset: fashion_mnist, split: test}
              ood:
                - {dataset: mnist, split: train_first10k}
            model:
              type: realnvp
              scales: 1
              couplings: 2
              final_couplings: 2
              mask: checkerboard
              squeeze_input: true
              st_net: {type: convnet, hidden_channels: 4, blocks: 1}
            train:
              steps: 10
              batch_size: 4
              optimizer: {type: adam, lr: 1.0e-3}
            eval: {batch_size: 8}
            scorers: [log_likelihood]
            metrics: [auroc]
            """;

    @Test
    void profilesTrainingAndScoringByLayerAndWritesAChromeTrace(@TempDir Path dir) throws Exception {
        Path spec = dir.resolve("tiny.yaml");
        Files.writeString(spec, TINY_REALNVP);
        Path trace = dir.resolve("out/trace.json");
        Cli cli = Cli.run("bench", "profile", spec.toString(), "--steps", "2", "--warmup", "1", "--top", "40", "--trace",
                trace.toString());
        assertEquals(0, cli.exitCode(), cli.err());
        String out = cli.out();
        assertTrue(out.contains("## tiny_realnvp_profile training step: 2 traced runs"), out);
        assertTrue(out.contains("## tiny_realnvp_profile scoring batch: 2 traced runs"), out);
        String training = out.substring(out.indexOf("training step:"), out.indexOf("scoring batch:"));
        String scoring = out.substring(out.indexOf("scoring batch:"));
        // The coupling layers appear by scope, with backward time attributed to them in training only.
        assertTrue(training.contains("| realnvp/scale_0 |"), training);
        assertTrue(layerRow(training, "realnvp/scale_0")[2] > 0, "backward time of scale_0: " + training);
        assertTrue(layerRow(training, "optimizer")[3] > 0, "the optimiser's update time: " + training);
        assertEquals(0.0, layerRow(scoring, "realnvp/scale_0")[2], "no backward pass when scoring: " + scoring);
        assertTrue(training.contains("Conv2DBackpropFilter"), training);
        assertTrue(scoring.contains("Conv2D"), scoring);
        assertFalse(scoring.contains("Conv2DBackprop"), scoring);

        JsonNode events = SpecJson.mapper().readTree(trace.toFile()).get("traceEvents");
        Set<Long> pids = new HashSet<>();
        int boxes = 0;
        for (JsonNode e : events) {
            if (!e.get("ph").asText().equals("X")) continue;
            boxes++;
            pids.add(e.get("pid").asLong());
            assertTrue(e.get("dur").asLong() >= 0 && e.get("ts").asLong() >= 0, e.toString());
            assertFalse(e.get("name").asText().isEmpty(), e.toString());
        }
        assertEquals(Set.of(1L, 2L), pids, "training and scoring");
        assertTrue(boxes > 20, "ops traced: " + boxes);
    }

    /** The layer's row of the first table: {share-less} forward, backward and optimiser milliseconds at 1..3. */
    private static double[] layerRow(String section, String layer) {
        for (String line : section.split("\n")) {
            if (line.startsWith("| " + layer + " |")) {
                String[] cells = line.split("\\|");
                return new double[] {0, Double.parseDouble(cells[2].trim()), Double.parseDouble(cells[3].trim()),
                        Double.parseDouble(cells[4].trim())};
            }
        }
        throw new AssertionError("no row for " + layer + " in " + section);
    }
}
