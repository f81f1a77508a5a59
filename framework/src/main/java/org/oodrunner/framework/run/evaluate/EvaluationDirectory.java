package org.oodrunner.framework.run.evaluate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.Provenance;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.TrainedRun;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.track.RunStatus;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Where an evaluation writes: a directory laid out like a run's (run.json with {@code kind:
 * evaluation}, spec.yaml, params, metrics.jsonl, results.json, artifacts/), by default a new
 * {@code RUN_DIR/evaluations/<UTC time>-<spec hash>/}, so the run's own results are never
 * touched and every evaluation is kept. Its metric log starts with the trained model's training
 * and validation curves (as logged up to the evaluated checkpoint), so its report shows them.
 */
final class EvaluationDirectory {
    static final String KIND = "evaluation";
    static final String EVALUATIONS = "evaluations";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
    /** The run model's own curves: {@code train/<metric>} and {@code validation/<metric>}, not auxiliary models'. */
    private static final Pattern TRAINING_KEY = Pattern.compile("(train|validation)/[^/]+");

    private EvaluationDirectory() {}

    /** A new, empty directory: {@code out} when given (it must not hold anything), else one under the run. */
    static RunFiles create(RunFiles run, Path out, ResolvedSpec spec) {
        try {
            if (out != null) {
                if (Files.isDirectory(out)) {
                    try (Stream<Path> s = Files.list(out)) {
                        if (s.findAny().isPresent()) {
                            throw new BadInputException("--out " + out + " already holds files; an evaluation writes a "
                                    + "directory of its own: name one that does not exist, or leave --out out");
                        }
                    }
                } else if (Files.exists(out)) {
                    throw new BadInputException("--out " + out + " is a file; name a directory that does not exist");
                }
                return new RunFiles(Files.createDirectories(out).toAbsolutePath().normalize());
            }
            Path parent = Files.createDirectories(run.dir().resolve(EVALUATIONS));
            String base = TIME.format(Instant.now()) + "-" + spec.hash();
            for (int i = 1; ; i++) {
                try {
                    return new RunFiles(Files.createDirectory(parent.resolve(i == 1 ? base : base + "-" + i)));
                } catch (FileAlreadyExistsException taken) {
                    // another evaluation of the same spec in the same second: take the next name
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the evaluation directory", e);
        }
    }

    /** run.json, the evaluation's spec, and the trained model's curves in metrics.jsonl. */
    static void start(RunFiles files, ResolvedSpec spec, TrainedRun trained, List<String> overrides) {
        ObjectNode run = JSON.createObjectNode();
        run.put("kind", KIND);
        run.put("name", spec.runName());
        run.put("spec_name", spec.spec().name());
        run.put("hash", spec.hash());
        run.put("status", RunStatus.RUNNING.name());
        run.put("started", Instant.now().toString());
        ObjectNode of = run.putObject("evaluates");
        of.put("run", trained.files().dir().toAbsolutePath().normalize().toString());
        of.put("hash", trained.files().readRun().path("hash").asText());
        of.put("checkpoint", trained.checkpoint().dir().toAbsolutePath().normalize().toString());
        of.put("step", trained.checkpoint().state().step());
        of.put("training_finished", trained.checkpoint().state().finished());
        run.set("overrides", JSON.valueToTree(overrides));
        run.set("axes", SpecJson.mapper().valueToTree(spec.axes()));
        run.set("provenance", SpecJson.mapper().valueToTree(Provenance.collect(trained.files().spec())));
        files.writeJson(files.runJson(), run);
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Object plain = SpecJson.mapper().convertValue(spec.written(), Object.class);
        files.writeText(files.spec(), "# spec of an evaluation of run " + trained.files().dir().getFileName() + " (hash "
                + spec.hash() + ")\n" + new Yaml(opts).dump(plain));
        files.writeJson(files.effectiveSpec(), spec.effective());
        files.writeText(files.metrics(), trainingCurves(trained));
    }

    /** The run model's training and validation lines of the run's log, up to the evaluated checkpoint. */
    private static String trainingCurves(TrainedRun trained) {
        Path log = trained.files().metrics();
        if (!Files.isRegularFile(log)) return "";
        StringBuilder out = new StringBuilder();
        try (InputStream in = Files.newInputStream(log)) {
            String text = new String(in.readNBytes((int) Math.min(trained.checkpoint().logBytes(), Integer.MAX_VALUE)),
                    StandardCharsets.UTF_8);
            for (String line : text.split("\n")) {
                if (line.isBlank()) continue;
                JsonNode entry = JSON.readTree(line);
                if (TRAINING_KEY.matcher(entry.path("key").asText()).matches()) out.append(line).append('\n');
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + log, e);
        }
        return out.toString();
    }

    /** Marks the evaluation FAILED in its run.json, naming the stage and the reason. */
    static void recordFailure(RunFiles files, String stage, RuntimeException e) {
        try {
            ObjectNode run = files.readRun();
            ObjectNode failure = run.putObject("failure");
            failure.put("stage", stage);
            failure.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
            failure.put("type", e.getClass().getName());
            files.writeJson(files.runJson(), run);
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
    }
}
