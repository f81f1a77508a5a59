package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.store.StorageFailure;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.TrainingDivergedException;
import org.oodrunner.framework.track.CompositeTracker;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one concrete spec: plans it, opens its run directory and trackers, runs the stages in
 * order and records the outcome. A failure is recorded (status, stage, reason) before it is
 * passed on, and what earlier stages wrote stays.
 *
 * <p>The same spec always maps to the same run directory, so running it again continues what
 * an earlier attempt left: a FINISHED run is not run again (its stored results are returned);
 * otherwise training resumes from the latest checkpoint and {@code metrics.jsonl} is cut back
 * to what was logged up to that checkpoint, so the finished log reads as one uninterrupted run.
 * A directory is locked while a process works in it. A stop request (Ctrl-C) ends the run at a
 * safe point as KILLED.
 */
public final class ExperimentRunner {
    private static final Logger LOG = LoggerFactory.getLogger(ExperimentRunner.class);

    private final ExperimentPlanner planner;
    private final RunStore store;
    private final List<Stage> stages;
    private final Set<TrackerFactory> trackerFactories;
    private final StopSignal stop;

    @Inject
    public ExperimentRunner(ExperimentPlanner planner, RunStore store, List<Stage> stages, Set<TrackerFactory> trackerFactories,
            StopSignal stop) {
        this.planner = planner;
        this.store = store;
        this.stages = stages;
        this.trackerFactories = trackerFactories;
        this.stop = stop;
    }

    public RunOutcome run(ResolvedSpec resolved, Path specFile, Progress progress) {
        return run(resolved, specFile, progress, null);
    }

    /** Runs one point of a grid; {@code grid} is the grid's own record in the store (see {@link org.oodrunner.framework.run.grid.GridRunner}). */
    public RunOutcome run(ResolvedSpec resolved, Path specFile, Progress progress, RunFiles grid) {
        ExperimentPlan plan = planner.plan(resolved);
        trackerFactories.forEach(f -> f.check(resolved));
        RunFiles files = store.filesFor(resolved);
        try (RunLock lock = RunLock.acquire(files)) {
            if (isFinished(files)) {
                LOG.info("{}: already finished in {}; nothing to do (delete that directory to run it again)",
                        resolved.runName(), files.dir());
                return outcome(resolved, files);
            }
            long resumeFrom = prepareResume(files);
            writeRunFiles(resolved, files, specFile, resumeFrom, grid);
            runStages(resolved, plan, files, progress);
        }
        return outcome(resolved, files);
    }

    private void runStages(ResolvedSpec resolved, ExperimentPlan plan, RunFiles files, Progress progress) {
        List<Tracker> trackers = new ArrayList<>();
        trackers.add(new LocalTracker(files));
        for (TrackerFactory f : trackerFactories) f.create(resolved, files).ifPresent(trackers::add);
        try (CompositeTracker tracker = new CompositeTracker(trackers);
                RunContext ctx = new RunContext(plan, files, tracker, progress, stop)) {
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
                    if (stop.requested()) {
                        throw new RunInterruptedException("interrupted before stage '" + stageName + "' ("
                                + stop.reason() + "); continue with: runner run --resume " + files.dir());
                    }
                    LOG.debug("stage {}", stageName);
                    stage.run(ctx);
                }
            } catch (RunInterruptedException e) {
                recordFailure(files, stageName, e);
                tracker.finish(RunStatus.KILLED);
                throw e.continueWith("runner run --resume " + files.dir());
            } catch (RuntimeException e) {
                recordFailure(files, stageName, e);
                try {
                    tracker.finish(RunStatus.FAILED);
                } catch (RuntimeException alsoFailed) {
                    // a full disk refuses the status too; the failure itself is what the user needs
                    e.addSuppressed(alsoFailed);
                }
                if (e instanceof UserFacingException) throw e;
                StorageFailure storage = StorageFailure.of(e);
                if (storage != null) throw storage;
                throw new RunFailedException(resolved.runName() + ": stage '" + stageName + "' failed: " + e, e);
            }
            tracker.finish(RunStatus.FINISHED);
        }
    }

    private static RunOutcome outcome(ResolvedSpec resolved, RunFiles files) {
        try {
            return new RunOutcome(resolved, files, new ObjectMapper().readTree(files.results().toFile()));
        } catch (IOException e) {
            throw StorageFailure.reading(files.results(), e);
        }
    }

    private static boolean isFinished(RunFiles files) {
        return RunStatus.FINISHED.name().equals(files.readRun().path("status").asText())
                && Files.isRegularFile(files.results());
    }

    /**
     * Cuts the metric log back to the latest checkpoint (or to nothing when there is none: that
     * attempt is redone from the start). Returns the step training resumes from, or -1.
     */
    private static long prepareResume(RunFiles files) {
        Optional<Checkpoints.Checkpoint> latest = new Checkpoints(files.checkpoints(), files::metricsLength).resumable();
        files.truncateMetrics(latest.map(Checkpoints.Checkpoint::logBytes).orElse(0L));
        latest.ifPresent(c -> LOG.info("resuming from the checkpoint of step {} in {}", c.state().step(), c.dir()));
        return latest.map(c -> c.state().step()).orElse(-1L);
    }

    private static void writeRunFiles(ResolvedSpec resolved, RunFiles files, Path specFile, long resumeFrom, RunFiles grid) {
        ObjectNode run = files.readRun();
        int attempts = run.path("attempts").asInt(0) + 1;
        run.removeAll();
        run.put("name", resolved.runName());
        run.put("spec_name", resolved.spec().name());
        run.put("hash", resolved.hash());
        run.put("status", RunStatus.RUNNING.name());
        run.put("started", Instant.now().toString());
        run.put("attempts", attempts);
        if (resumeFrom >= 0) run.put("resumed_from_step", resumeFrom);
        run.put("spec_file", specFile == null ? null : specFile.toAbsolutePath().toString());
        run.set("axes", SpecJson.mapper().valueToTree(resolved.axes()));
        if (grid != null) run.put("parent", grid.dir().getFileName().toString());
        run.set("provenance", SpecJson.mapper().valueToTree(Provenance.collect(specFile)));
        files.writeJson(files.runJson(), run);
        files.writeText(files.spec(), SpecText.of(resolved));
        files.writeJson(files.effectiveSpec(), resolved.effective());
    }

    private static void recordFailure(RunFiles files, String stage, RuntimeException e) {
        try {
            ObjectNode run = files.readRun();
            ObjectNode failure = run.putObject("failure");
            failure.put("stage", stage);
            failure.put("message", e.getMessage() == null ? e.toString() : e.getMessage());
            failure.put("type", e.getClass().getName());
            if (e instanceof TrainingDivergedException d) {
                failure.put("step", d.step());
                failure.put("reason", d.reason());
                if (d.lastGood() != null) {
                    failure.put("last_checkpoint", files.dir().relativize(d.lastGood().dir()).toString());
                    failure.put("last_checkpoint_step", d.lastGood().state().step());
                }
            }
            files.writeJson(files.runJson(), run);
        } catch (RuntimeException suppressed) {
            e.addSuppressed(suppressed);
        }
    }
}
