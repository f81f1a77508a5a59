package org.oodrunner.components.scorers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.oodrunner.components.testing.AllScorersRun;
import org.oodrunner.framework.report.RunRecord;
import org.oodrunner.framework.run.RunOutcome;

/**
 * Every scorer in one real run: a tiny flow (latent and volume terms, channel gains) trained on
 * smooth 8x8 colour images, scored on held-out smooth images and on uniform noise, with the
 * auxiliary models of likelihood_ratio and waic trained in the run, the batch-level typicality
 * test, both analyses, bootstrap intervals and the report.
 */
class ScorersEndToEndTest {
    static final String IN = AllScorersRun.IN;
    static final String OOD = AllScorersRun.OOD;

    static RunOutcome outcome;
    static JsonNode results;
    static Map<String, Map<String, double[]>> scores;

    @BeforeAll
    static void run() {
        outcome = AllScorersRun.get();
        results = outcome.results();
        scores = RunRecord.read(outcome.files().dir()).scores();
    }

    private static double[] scores(String scorer, String set) {
        return scores.get(scorer).get(set);
    }

    @Test
    void resultsFollowTheSchemaWithAnIntervalForEveryMetric() throws IOException {
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(new ObjectMapper().readTree(Path.of("..", "schemas", "results.schema.json").toFile()));
        assertEquals(Set.of(), schema.validate(results));
        for (String scorer : List.of("log_likelihood", "likelihood_ratio", "waic", "typicality", "input_complexity")) {
            for (String metric : List.of("auroc", "aupr_in", "aupr_out", "fpr_at_95_tpr", "detection_error")) {
                double value = results.path("metrics").path(scorer).path(OOD).path(metric).asDouble(Double.NaN);
                JsonNode ci = results.path("metric_intervals").path(scorer).path(OOD).path(metric);
                assertTrue(ci.path("low").asDouble() <= value && value <= ci.path("high").asDouble(),
                        scorer + " " + metric + " " + value + " outside " + ci);
                assertEquals(0.9, ci.path("level").asDouble());
            }
        }
    }

    @Test
    void theFlowsTwoTermsAddUpToItsLogLikelihood() {
        for (String set : List.of(IN, OOD)) {
            double[] ll = scores("log_likelihood", set);
            double[] latent = scores("latent_term", set);
            double[] volume = scores("volume_term", set);
            for (int i = 0; i < ll.length; i++) assertEquals(ll[i], latent[i] + volume[i], 1e-3 * Math.abs(ll[i]) + 1e-3);
            // A constant-volume flow: the volume term is the same for every input.
            for (double v : volume) assertEquals(volume[0], v, 1e-4);
        }
        assertEquals(0.5, results.at("/metrics/volume_term/noise/auroc").asDouble(), 1e-12);
    }

    @Test
    void bitsPerDimIsMinusTheStandardFormula() {
        int d = 8 * 8 * 3;
        double[] ll = scores("log_likelihood", IN);
        double[] bpd = scores("bits_per_dim", IN);
        for (int i = 0; i < ll.length; i++) {
            assertEquals((ll[i] - d * Math.log(256)) / (d * Math.log(2)), bpd[i], 1e-6 * Math.abs(bpd[i]) + 1e-6);
        }
        assertEquals(results.at("/metrics/log_likelihood/noise/auroc").asDouble(),
                results.at("/metrics/bits_per_dim/noise/auroc").asDouble(), 1e-12);
    }

    @Test
    void inputComplexityRanksNoiseAsOod() {
        assertTrue(results.at("/metrics/input_complexity/noise/auroc").asDouble() > 0.9, results.at("/metrics").toString());
        assertTrue(results.at("/metrics/input_complexity_jpeg/noise/auroc").asDouble() > 0.95);
    }

    @Test
    void gradientNormIsMinusANorm() {
        for (String set : List.of(IN, OOD)) {
            for (double v : scores("gradient_norm", set)) assertTrue(v <= 0 && Double.isFinite(v));
        }
    }

    @Test
    void auxiliaryModelsWereTrainedInTheRunAndLogged() throws IOException {
        List<String> lines = Files.readAllLines(outcome.files().metrics());
        for (String model : List.of("likelihood_ratio/background", "waic/member_1", "waic/member_2")) {
            assertTrue(lines.stream().anyMatch(l -> l.contains("\"train/" + model + "/loss\"")), model);
        }
        assertEquals(150, results.at("/training/steps").asInt());
        // Each score differs from the run model's log-likelihood: the other models are really there.
        double[] ll = scores("log_likelihood", IN);
        assertNotEquals(ll[0], scores("likelihood_ratio", IN)[0], 1e-6);
        assertNotEquals(ll[0], scores("waic", IN)[0], 1e-6);
        assertTrue(results.at("/metrics/likelihood_ratio/noise/auroc").isNumber());
    }

    @Test
    void typicalityReportsABatchTestPerBatchSize() {
        JsonNode tests = results.at("/batch_tests/typicality/noise");
        assertEquals(3, tests.size());
        int[] sizes = {1, 4, 16};
        for (int k = 0; k < 3; k++) {
            JsonNode t = tests.get(k);
            assertEquals(sizes[k], t.path("batch_size").asInt());
            assertEquals(96 / sizes[k], t.path("ood_batches").asInt());
            assertTrue(t.path("false_alarm_rate").asDouble() <= 0.5);
        }
        // Noise is far from the typical set: every batch of 16 is caught.
        assertEquals(1.0, tests.get(2).path("detection_rate").asDouble());
    }

    @Test
    void analysesUseTheModelsChannelGainsAndGrayImages() {
        JsonNode sm = results.at("/analyses/second_moment");
        assertEquals("model", sm.path("alpha_source").asText());
        assertEquals(3, sm.at("/predictions/noise/alpha").size());
        assertEquals(3, sm.at("/datasets/smooth/variance").size());
        // Uniform noise has the larger pixel variances: predicted (and measured) lower log-likelihood.
        assertEquals(-1, sm.at("/predictions/noise/predicted_sign").asInt());
        assertEquals(-1, sm.at("/predictions/noise/measured_sign").asInt());
        // p* is the training distribution; the measured gap is against the test set.
        assertEquals("patterns/train", sm.at("/predictions/noise/reference").asText());
        assertEquals(IN, sm.at("/predictions/noise/measured_reference").asText());
        JsonNode a = sm.at("/predictions/noise/assumptions");
        assertEquals(true, a.path("constant_volume").asBoolean(), "the tiny flow offers alpha_c");
        assertEquals(3, a.path("mean_gap_in_sd").size());
        assertEquals(a.path("constant_volume").asBoolean() && a.path("common_mean").asBoolean(), a.path("hold").asBoolean());
        assertEquals(!a.path("hold").asBoolean(), a.has("caveat"));
        JsonNode gray = results.at("/analyses/graying");
        assertEquals(IN, gray.path("dataset").asText());
        assertEquals(96, gray.path("n").asInt());
        assertEquals(gray.path("mean_log_likelihood_gray").asDouble() - gray.path("mean_log_likelihood").asDouble(),
                gray.path("mean_change").asDouble(), 1e-6);
    }

    @Test
    void theReportAndItsFiguresAreWritten() throws IOException {
        Path artifacts = outcome.files().artifacts();
        String html = Files.readString(artifacts.resolve("report.html"));
        assertTrue(html.contains("id=\"metrics\""));
        assertTrue(html.contains("id=\"batch-tests\""));
        assertTrue(html.contains("id=\"analyses\""));
        assertTrue(html.contains("data:image/png;base64,"));
        try (var files = Files.list(artifacts.resolve("figures"))) {
            List<String> names = files.map(p -> p.getFileName().toString()).toList();
            // 10 histograms, 1 ROC figure, training curves; each as PNG and SVG.
            assertTrue(names.stream().filter(n -> n.startsWith("histogram_") && n.endsWith(".svg")).count() == 10, names.toString());
            assertTrue(names.contains("roc_0_noise.png") && names.contains("roc_0_noise.svg"), names.toString());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("training_") && n.endsWith(".png")), names.toString());
        }
    }
}
