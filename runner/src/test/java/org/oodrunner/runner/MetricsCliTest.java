package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `runner metrics --in SCORES --ood SCORES` on files in both formats, and its errors. */
class MetricsCliTest {
    @TempDir
    Path dir;

    /** In-distribution scores 0..n-1 as CSV with a header; OOD scores as JSON lines. */
    private Path[] files() throws IOException {
        StringBuilder csv = new StringBuilder("id,score\n");
        StringBuilder jsonl = new StringBuilder();
        Random r = new Random(1);
        for (int i = 0; i < 300; i++) {
            csv.append(i).append(',').append(1 + r.nextGaussian()).append('\n');
            jsonl.append("{\"id\": ").append(i).append(", \"score\": ").append(r.nextGaussian()).append("}\n");
        }
        Path in = dir.resolve("in.csv");
        Path ood = dir.resolve("ood.jsonl");
        Files.writeString(in, csv);
        Files.writeString(ood, jsonl);
        return new Path[] {in, ood};
    }

    @Test
    void printsEveryMetricWithItsInterval() throws IOException {
        Path[] f = files();
        Cli cli = Cli.run("metrics", "--in", f[0].toString(), "--ood", f[1].toString(), "--resamples", "200");
        assertEquals(0, cli.exitCode(), cli.err());
        for (String m : new String[] {"auroc", "aupr_in", "aupr_out", "fpr_at_95_tpr", "detection_error", "95% interval",
                "(n=300)"}) {
            assertTrue(cli.out().contains(m), m + " in\n" + cli.out());
        }
    }

    @Test
    void jsonOutputHoldsValuesAndIntervals() throws IOException {
        Path[] f = files();
        Cli cli = Cli.run("metrics", "--in", f[0].toString(), "--ood", f[1].toString(), "--metric", "auroc,detection_error",
                "--resamples", "300", "--level", "0.9", "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        JsonNode json = new ObjectMapper().readTree(cli.out());
        assertEquals(300, json.path("n_in").asInt());
        JsonNode auroc = json.at("/ood/0/metrics/auroc");
        // Two unit normals one sd apart: AUROC = Phi(1 / sqrt 2) = 0.76.
        assertEquals(0.76, auroc.path("value").asDouble(), 0.06);
        assertTrue(auroc.path("ci_low").asDouble() <= auroc.path("value").asDouble());
        assertTrue(auroc.path("value").asDouble() <= auroc.path("ci_high").asDouble());
        assertEquals(0.9, auroc.path("level").asDouble());
        assertEquals(2, json.at("/ood/0/metrics").size());
    }

    @Test
    void resamplesZeroGivesValuesOnly() throws IOException {
        Path[] f = files();
        Cli cli = Cli.run("metrics", "--in", f[0].toString(), "--ood", f[1].toString(), "--resamples", "0", "--json");
        assertEquals(0, cli.exitCode(), cli.err());
        assertFalse(new ObjectMapper().readTree(cli.out()).at("/ood/0/metrics/auroc").has("ci_low"));
    }

    @Test
    void aBadFileIsOneLineWithItsPosition() throws IOException {
        Path[] f = files();
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "score\n0.5\nseven\n");
        Cli cli = Cli.run("metrics", "--in", bad.toString(), "--ood", f[1].toString());
        assertEquals(2, cli.exitCode());
        assertFalse(cli.printedStackTrace(), cli.err());
        assertTrue(cli.err().contains(bad + ":3: 'seven' is not a number"), cli.err());
        assertEquals(1, cli.err().strip().lines().count(), cli.err());
    }

    @Test
    void anUnknownMetricIsRefusedWithASuggestion() throws IOException {
        Path[] f = files();
        Cli cli = Cli.run("metrics", "--in", f[0].toString(), "--ood", f[1].toString(), "--metric", "aurc");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("unknown metric 'aurc'; did you mean 'auroc'?"), cli.err());
    }
}
