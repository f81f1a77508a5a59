package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.track.CompositeTracker;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Runs one concrete spec: plans it, opens its run directory and trackers, runs the stages in
 * order and records the outcome. A failure is recorded (status, stage, reason) before it is
 * passed on, and what earlier stages wrote stays.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final ExperimentPlanner planner;
    private final RunStore store;
    private final List<Stage> stages;
    private final Set<TrackerFactory> trackerFactories;

    @Inject
    public ExperimentRunner(ExperimentPlanner planner, RunStore store, List<Stage> stages, Set<TrackerFactory> trackerFactories) {
        this.planner = planner;
        this.store = store;
        this.stages = stages;
        this.trackerFactories = trackerFactories;
    }

    public RunOutcome run(ResolvedSpec resolved, Path specFile, Progress progress) {
        return run(resolved, specFile, progress, null);
    }

    /** Runs one point of a grid; {@code grid} is the grid's own record in the store (see {@link org.oodrunner.framework.run.grid.GridRunner}). */
    public RunOutcome run(ResolvedSpec resolved, Path specFile, Progress progress, RunFiles grid) {
        ExperimentPlan plan = planner.plan(resolved);
        trackerFactories.forEach(f -> f.check(resolved));
        RunFiles files = store.filesFor(resolved);
        writeRunFiles(resolved, files, specFile, grid);

        List<Tracker> trackers = new ArrayList<>();
        trackers.add(new LocalTracker(files));
        for (TrackerFactory f : trackerFactories) f.create(resolved, files).ifPresent(trackers::add);
        try (CompositeTracker tracker = new CompositeTracker(trackers);
                RunContext ctx = new RunContext(plan, files, tracker, progress)) {
            tracker.start(new RunInfo(resolved.spec().tracking().experiment(), resolved.runName(), resolved.hash(),
                    resolved.spec().description(), resolved.axes()));
            tracker.logParams(Params.flatten(resolved.effective()));
            tracker.setTag("spec_hash", resolved.hash());
            tracker.setTag("model", resolved.spec().model().type());
            tracker.setTag("dataset.in", plan.test().label());
            tracker.setTag("dataset.train", plan.train().label());
            tracker.setTag("dataset.ood", String.join(", ", plan.ood().stream().map(PlannedDataset::label).toList()));
            String stageName = null;
            try {
                for (Stage stage : stages) {
                    stageName = stage.name();
                    LOG.debug("stage {}", stageName);
                    stage.run(ctx);
                }
            } catch (RuntimeException e) {
                recordFailure(files, stageName, e);
                tracker.finish(RunStatus.FAILED);
                if (e instanceof UserFacingException) throw e;
                throw new RunFailedException(resolved.runName() + ": stage '" + stageName + "' failed: " + e, e);
            }
            tracker.finish(RunStatus.FINISHED);
        }
        try {
            return new RunOutcome(resolved, files, new ObjectMapper().readTree(files.results().toFile()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeRunFiles(ResolvedSpec resolved, RunFiles files, Path specFile, RunFiles grid) {
        ObjectNode run = files.readRun();
        int attempts = run.path("attempts").asInt(0) + 1;
        run.removeAll();
        run.put("name", resolved.runName());
        run.put("spec_name", resolved.spec().name());
        run.put("hash", resolved.hash());
        run.put("status", RunStatus.RUNNING.name());
        run.put("started", Instant.now().toString());
        run.put("attempts", attempts);
        run.put("spec_file", specFile == null ? null : specFile.toAbsolutePath().toString());
        run.set("axes", SpecJson.mapper().valueToTree(resolved.axes()));
        if (grid != null) run.put("parent", grid.dir().getFileName().toString());
        run.set("provenance", SpecJson.mapper().valueToTree(Provenance.collect(specFile)));
        files.writeJson(files.runJson(), run);
        DumperOptions opts = new DumperOptions();
        opts.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Object plain = SpecJson.mapper().convertValue(resolved.written(), Object.class);
        files.writeText(files.spec(), "# resolved spec of run " + resolved.runName() + " (hash " + resolved.hash() + ")\n"
                + new Yaml(opts).dump(plain));
        files.writeJson(files.effectiveSpec(), resolved.effective());
    }

    private static void recordFailure(RunFiles files, String stage, RuntimeException e) {
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
