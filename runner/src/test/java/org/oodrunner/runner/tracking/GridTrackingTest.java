package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.AbstractModule;
import com.google.inject.Injector;
import com.google.inject.multibindings.Multibinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.grid.GridOutcome;
import org.oodrunner.framework.run.grid.GridRunner;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.runner.Cli;

/** A 2x2 grid through {@code runner run}: one parent run, four children; re-runs do only what is missing. */
class GridTrackingTest {
    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.shared();

    private static final String GRID = """
            grid:
              model.distribution: [gaussian, logistic]
              train.optimizer.lr: [0.01, 0.003]
            """;

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    private Path spec(String name, String experiment) throws IOException {
        Path f = work.resolve(name + ".yaml");
        Files.writeString(f, TinyData.spec(name, experiment, 8, GRID));
        return f;
    }

    private Cli run(Path spec, Path store, String... more) {
        List<String> args = new ArrayList<>(List.of("run", spec.toString(), "--out", store.toString(), "--data-root",
                data.toString(), "--tracking-uri", MLFLOW.uri()));
        args.addAll(List.of(more));
        Cli r = Cli.run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.err());
        return r;
    }

    @Test
    void aGridIsOneParentWithAChildPerPointAndRunningItAgainLogsNothingNew() throws IOException {
        Path spec = spec("grid2x2", "grid-once");
        Path store = work.resolve("runs");
        run(spec, store);

        MlflowRest rest = MLFLOW.rest();
        String experiment = rest.experimentId("grid-once");
        List<JsonNode> runs = rest.runs(experiment);
        assertEquals(5, runs.size());
        JsonNode parent = runs.stream().filter(r -> "grid".equals(MlflowRest.tags(r).get("ood.kind"))).findFirst().orElseThrow();
        String parentId = parent.path("info").path("run_id").asText();
        Path gridDir = LocalStore.only(store, "grid2x2-grid-");
        assertEquals(parentId, LocalStore.runId(gridDir, MLFLOW.uri()));
        assertEquals("FINISHED", parent.path("info").path("status").asText());
        Map<String, String> gridParams = MlflowRest.params(parent);
        assertEquals("4", gridParams.get("grid.points"));
        assertEquals("model.distribution, train.optimizer.lr", gridParams.get("grid.axes"));
        assertEquals("[\"gaussian\",\"logistic\"]", gridParams.get("grid.model.distribution"));
        assertEquals("[0.01,0.003]", gridParams.get("grid.train.optimizer.lr"));
        byte[] summary = Files.readAllBytes(gridDir.resolve("artifacts/summary.csv"));
        assertArrayEquals(summary, rest.artifact(parent, "summary.csv"));
        assertEquals(5, new String(summary).lines().count(), "a header and one row per point");
        assertArrayEquals(Files.readAllBytes(gridDir.resolve("artifacts/report.html")), rest.artifact(parent, "report.html"));

        for (JsonNode child : runs) {
            if (child == parent) continue;
            String name = child.path("info").path("run_name").asText();
            Map<String, String> params = MlflowRest.params(child);
            assertEquals(parentId, MlflowRest.tags(child).get("mlflow.parentRunId"), name);
            assertEquals("FINISHED", child.path("info").path("status").asText(), name);
            assertEquals("grid2x2[model.distribution=" + params.get("model.distribution") + ", train.optimizer.lr="
                    + params.get("train.optimizer.lr") + "]", name, "the axes are params of each child");
            Path dir = pointDir(store, child);
            assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, child.path("info").path("run_id").asText()), name);
        }

        JsonNode before = rest.snapshot(experiment);
        Cli again = run(spec, store);
        assertEquals(4, count(again.out(), "already finished, skipped"), again.out());
        assertEquals(before, rest.snapshot(experiment), "a second run of a finished grid logs nothing");
        for (JsonNode child : runs) {
            if (child != parent) assertEquals(1, LocalStore.runJson(pointDir(store, child)).path("attempts").asInt());
        }

        Cli table = Cli.run("compare", "grid-once", "--tracking-uri", MLFLOW.uri(), "--sort", "auroc");
        assertEquals(0, table.exitCode(), table.err());
        List<Double> auroc = column(table.out(), "log_likelihood/mnist/test/auroc");
        assertEquals(4, auroc.size(), table.out());
        List<Double> sorted = new ArrayList<>(auroc);
        sorted.sort(java.util.Comparator.reverseOrder());
        assertEquals(sorted, auroc, "sorted by AUROC, highest first");
        assertTrue(table.out().contains("1 grid parent run(s) not shown"), table.out());
        Cli logistic = Cli.run("compare", "grid-once", "--tracking-uri", MLFLOW.uri(), "--filter",
                "params.`model.distribution` = 'logistic'");
        assertEquals(2, column(logistic.out(), "log_likelihood/mnist/test/auroc").size(), logistic.out());

        run(spec, store, "--force");
        // Every point ran from the start; each earlier run is kept, renamed, and stays on MLflow as what it was.
        List<JsonNode> after = rest.runs(experiment);
        assertEquals(9, after.size(), "the grid, its four earlier children and four new ones");
        for (JsonNode child : runs) {
            if (child == parent) continue;
            String oldId = child.path("info").path("run_id").asText();
            Path dir = pointDir(store, child);
            String newId = LocalStore.runId(dir, MLFLOW.uri());
            assertNotEquals(oldId, newId);
            assertEquals(1, LocalStore.runJson(dir).path("attempts").asInt(), "a fresh run, not a resumed one");
            assertEquals(parentId, MlflowRest.tags(rest.run(newId)).get("mlflow.parentRunId"));
            assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, newId));
            Path aside = LocalStore.only(store, dir.getFileName() + ".replaced-");
            assertEquals(oldId, LocalStore.runId(aside, MLFLOW.uri()));
            assertEquals("FINISHED", rest.run(oldId).path("info").path("status").asText());
        }
        assertEquals("FINISHED", rest.run(parentId).path("info").path("status").asText());
    }

    @Test
    void afterAChildFailsARerunRunsOnlyThatChild() throws IOException {
        Path spec = spec("gridfail", "grid-fail");
        Path store = work.resolve("runs");
        RunSettings settings = new RunSettings(store, data, MLFLOW.uri());
        List<ResolvedSpec> points = Injectors.create(settings).getInstance(SpecLoader.class)
                .load(spec, spec.toString(), SpecLoader.Options.defaults());
        String failing = points.get(2).hash();
        Injector failingInjector = Injectors.create(settings, new AbstractModule() {
            @Override
            protected void configure() {
                Multibinder.newSetBinder(binder(), TrackerFactory.class).addBinding().toInstance(new FailTraining(failing));
            }
        });
        GridOutcome first = failingInjector.getInstance(GridRunner.class).run(points, spec, false, Progress.silent(), p -> {});
        assertEquals(RunStatus.FAILED, first.status());
        assertEquals(1, first.failed());

        MlflowRest rest = MLFLOW.rest();
        String experiment = rest.experimentId("grid-fail");
        Path failedDir = new RunFiles(store.resolve("gridfail-" + failing)).dir();
        String failedId = LocalStore.runId(failedDir, MLFLOW.uri());
        String parentId = LocalStore.runId(first.grid().dir(), MLFLOW.uri());
        assertEquals("FAILED", rest.run(failedId).path("info").path("status").asText());
        assertEquals("FAILED", rest.run(parentId).path("info").path("status").asText());
        assertEquals(5, rest.runs(experiment).size());
        ObjectNode othersBefore = othersOnly(rest.snapshot(experiment), failedId, parentId);
        assertEquals(3, othersBefore.size());

        Stderr.Captured<Cli> again = Stderr.during(() -> run(spec, store));
        assertEquals(3, count(again.value().out(), "already finished, skipped"), again.value().out());
        assertEquals(1, count(again.log(), "running again: it failed"), again.log());
        assertEquals(2, LocalStore.runJson(failedDir).path("attempts").asInt());
        for (ResolvedSpec p : points) {
            if (!p.hash().equals(failing)) assertEquals(1, LocalStore.runJson(store.resolve("gridfail-" + p.hash())).path("attempts").asInt());
        }
        // The rerun resumed from the checkpoint the engine saved at step 0 and cut its metric log back to it;
        // MLflow cannot forget the failed attempt's values, so the child is now a fresh MLflow run.
        String rerunId = LocalStore.runId(failedDir, MLFLOW.uri());
        assertNotEquals(failedId, rerunId);
        assertEquals("deleted", rest.run(failedId).path("info").path("lifecycle_stage").asText());
        assertEquals(failedId, MlflowRest.tags(rest.run(rerunId)).get("ood.replaces"));
        assertEquals(5, rest.runs(experiment).stream()
                .filter(r -> r.path("info").path("lifecycle_stage").asText().equals("active")).count());
        assertEquals("FINISHED", rest.run(rerunId).path("info").path("status").asText());
        assertEquals(parentId, MlflowRest.tags(rest.run(rerunId)).get("mlflow.parentRunId"));
        assertEquals("FINISHED", rest.run(parentId).path("info").path("status").asText());
        assertEquals(LocalStore.metrics(failedDir), LocalStore.metrics(rest, rerunId));
        assertEquals(othersBefore, othersOnly(rest.snapshot(experiment), failedId, parentId, rerunId),
                "the other children are untouched");
    }

    /** Fails one point's training at its fourth step, through the tracker SPI, as a crashing component would. */
    private record FailTraining(String hash) implements TrackerFactory {
        @Override
        public Optional<Tracker> create(ResolvedSpec run, RunFiles files) {
            if (!run.hash().equals(hash)) return Optional.empty();
            return Optional.of(new Tracker() {
                @Override
                public void start(RunInfo info) {}

                @Override
                public void logParams(Map<String, String> params) {}

                @Override
                public void logMetric(String key, double value, long step) {
                    if (step >= 4) throw new RunFailedException("injected failure at step " + step);
                }

                @Override
                public void setTag(String key, String value) {}

                @Override
                public void logArtifact(Path file, String artifactPath) {}

                @Override
                public void finish(RunStatus status) {}
            });
        }
    }

    private static Path pointDir(Path store, JsonNode run) {
        return store.resolve("grid2x2-" + MlflowRest.tags(run).get("spec_hash"));
    }

    private static ObjectNode othersOnly(JsonNode snapshot, String... runIds) {
        ObjectNode copy = ((ObjectNode) snapshot).deepCopy();
        List<String> drop = new ArrayList<>();
        copy.fieldNames().forEachRemaining(k -> {
            for (String id : runIds) if (k.endsWith(" " + id)) drop.add(k);
        });
        copy.remove(drop);
        return copy;
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) n++;
        return n;
    }

    /** The numbers of one column of a table the CLI printed. */
    private static List<Double> column(String table, String header) {
        List<String> lines = table.lines().toList();
        String head = lines.stream().filter(l -> l.contains(header)).findFirst().orElseThrow(() -> new AssertionError(table));
        int at = head.indexOf(header);
        List<Double> out = new ArrayList<>();
        Pattern number = Pattern.compile("-?\\d+\\.\\d+");
        for (String l : lines.subList(lines.indexOf(head) + 1, lines.size())) {
            if (l.length() <= at) continue;
            Matcher m = number.matcher(l.substring(at));
            if (m.lookingAt()) out.add(Double.parseDouble(m.group()));
        }
        return out;
    }
}
