package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.testing.SpecFixture;

/** A whole run on the toy components with a real TensorFlow graph. */
class ExperimentRunnerTest {
    @TempDir
    Path dir;

    @Test
    void aRunWritesItsRecordAndResultsMatchingTheSchema() throws Exception {
        SpecFixture specs = new SpecFixture(dir);
        specs.write("s.yaml", SpecFixture.minimal() + "train: {steps: 3, batch_size: 4, log_every: 1}\n");
        ResolvedSpec spec = specs.load("s.yaml").get(0);
        RunOutcome outcome = specs.injector().getInstance(ExperimentRunner.class)
                .run(spec, dir.resolve("s.yaml"), Progress.silent());

        RunFiles files = outcome.files();
        assertEquals(dir.resolve("runs").resolve("toy-" + spec.hash()), files.dir());
        ObjectMapper json = new ObjectMapper();
        JsonNode run = json.readTree(files.runJson().toFile());
        assertEquals("FINISHED", run.get("status").asText());
        assertEquals(spec.hash(), run.get("hash").asText());
        assertTrue(run.path("provenance").has("java_version"));
        assertTrue(run.path("provenance").has("tensorflow_version"));
        // The test JVM's environment (pom.xml) sets TF_ENABLE_ONEDNN_OPTS, as bin/runner does: the record says so.
        assertEquals(org.oodrunner.framework.tf.OneDnnSetting.current().toString(), run.path("provenance").path("onednn").asText());
        assertTrue(run.path("provenance").path("onednn").asText().contains("TF_ENABLE_ONEDNN_OPTS="),
                run.path("provenance").toString());
        assertTrue(Files.readString(files.spec()).contains("toy_model"));
        assertEquals("toy_model", json.readTree(files.params().toFile()).get("model.type").asText());

        List<String> metricLines = Files.readAllLines(files.metrics());
        long lossLines = metricLines.stream().filter(l -> l.contains("\"train/loss\"")).count();
        assertEquals(3, lossLines);
        JsonNode first = json.readTree(metricLines.get(0));
        assertTrue(first.has("key") && first.has("value") && first.has("step") && first.has("timestamp"));

        JsonNode results = json.readTree(files.results().toFile());
        var schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
                .getSchema(json.readTree(Path.of("..", "schemas", "results.schema.json").toFile()));
        assertEquals(java.util.Set.of(), schema.validate(results));
        assertEquals(0.5, results.at("/metrics/toy_score/other/toy_metric").asDouble());
        assertEquals("in_distribution", results.at("/datasets/toy~1test/role").asText());
        assertEquals(4, results.at("/datasets/other/n").asInt());
        assertTrue(Files.exists(files.artifacts().resolve("scores.csv")));
        assertEquals(1 + 8 + 4, Files.readAllLines(files.artifacts().resolve("scores.csv")).size());
    }

    @Test
    void aFailingStageIsRecordedAndWhatWasWrittenStays() throws Exception {
        SpecFixture specs = new SpecFixture(dir);
        // A diverging learning rate makes the toy model's loss infinite within a few steps.
        specs.write("s.yaml", SpecFixture.minimal() + "train: {steps: 200, batch_size: 4, log_every: 1, optimizer: {lr: 1e30}}\n");
        ResolvedSpec spec = specs.load("s.yaml").get(0);
        RunFailedException e = assertThrows(RunFailedException.class, () -> specs.injector()
                .getInstance(ExperimentRunner.class).run(spec, dir.resolve("s.yaml"), Progress.silent()));
        assertTrue(e.getMessage().contains("diverged at step"), e.getMessage());
        RunFiles files = specs.injector().getInstance(RunStore.class).filesFor(spec);
        JsonNode run = new ObjectMapper().readTree(files.runJson().toFile());
        assertEquals("FAILED", run.get("status").asText());
        assertEquals("train", run.at("/failure/stage").asText());
        assertTrue(Files.readAllLines(files.metrics()).size() > 0, "metrics logged before the failure are kept");
    }
}
