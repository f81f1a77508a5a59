package org.oodrunner.framework.run.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.errors.RunInterruptedException;
import org.oodrunner.framework.errors.UserFacingException;
import org.oodrunner.framework.run.ExperimentPlan;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.Params;
import org.oodrunner.framework.run.PlannedDataset;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunLock;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.StopSignal;
import org.oodrunner.framework.run.StoredRun;
import org.oodrunner.framework.run.TrainedRun;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;
import org.oodrunner.framework.track.RunStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates a trained run again without training ({@code runner evaluate RUN_DIR}): its spec,
 * with overrides limited to how the model is judged ({@link EvaluationOverrides}), is planned
 * and run through {@link EvaluationStages}: the run's data and model graph are rebuilt, the
 * weights of its checkpoint restored, and the scoring, metric, analysis and report stages write
 * to a new evaluation directory ({@link EvaluationDirectory}). The run's own files stay as they
 * are; the run is locked meanwhile, so training cannot replace the checkpoint being read.
 *
 * <p>An evaluation is logged to the local store only, whatever tracking the run had.
 */
public final class RunEvaluator {
    private static final Logger LOG = LoggerFactory.getLogger(RunEvaluator.class);

    private final SpecLoader loader;
    private final ExperimentPlanner planner;
    private final EvaluationStages stages;
    private final StopSignal stop;

    @Inject
    public RunEvaluator(SpecLoader loader, ExperimentPlanner planner, EvaluationStages stages, StopSignal stop) {
        this.loader = loader;
        this.planner = planner;
        this.stages = stages;
        this.stop = stop;
    }

    /**
     * @param overrides {@code --set PATH=VALUE}, only of what does not change the trained model
     * @param out the evaluation's directory (new or empty), or null for a new one under the run
     */
    public RunOutcome evaluate(Path runDir, List<String> overrides, Path out, Progress progress) {
        RunFiles runFiles = new RunFiles(runDir.toAbsolutePath().normalize());
        refuseOtherRecords(runDir, runFiles);
        StoredRun run = StoredRun.load(runDir, loader, List.of());
        EvaluationOverrides.check(overrides);
        ResolvedSpec spec = evaluationSpec(runFiles, run.spec(), overrides);
        ExperimentPlan plan = planner.plan(spec);
        try (RunLock lock = RunLock.acquire(runFiles)) {
            TrainedRun trained = new TrainedRun(runFiles, checkpoint(runDir, runFiles, run.spec()));
            RunFiles files = EvaluationDirectory.create(runFiles, out, spec);
            EvaluationDirectory.start(files, spec, trained, overrides);
            LOG.info("evaluating the weights of step {} of {} in {}", trained.checkpoint().state().step(), runDir,
                    files.dir());
            runStages(plan, files, trained, progress);
            try {
                return new RunOutcome(spec, files, new ObjectMapper().readTree(files.results().toFile()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static void refuseOtherRecords(Path runDir, RunFiles files) {
        String kind = files.readRun().path("kind").asText("");
        if (kind.equals(EvaluationDirectory.KIND)) {
            throw new BadInputException(runDir + " is an evaluation, not a run; evaluate the run it names in run.json ("
                    + files.readRun().path("evaluates").path("run").asText() + ")");
        }
        if (kind.equals("grid")) {
            throw new BadInputException(runDir + " is the record of a grid; evaluate one of its points (the run "
                    + "directories beside it)");
        }
    }

    /** The run's spec with the overrides; the parts that made the model are checked to be the run's. */
    private ResolvedSpec evaluationSpec(RunFiles runFiles, ResolvedSpec run, List<String> overrides) {
        if (overrides.isEmpty()) return run;
        ResolvedSpec r = loader.load(runFiles.spec(), runFiles.spec().toString(),
                new SpecLoader.Options(overrides, 1, name -> null)).get(0);
        EvaluationOverrides.checkUnchanged(run.effective(), r.effective());
        return new ResolvedSpec(r.spec(), r.hash(), run.axes(), r.written(), r.effective(), r.sources());
    }

    /**
     * The weights the run ended with: its latest checkpoint once training finished (early
     * stopping's best weights are restored before that final checkpoint). Of an unfinished run,
     * the best so far when early stopping keeps the best, else the latest.
     */
    private static Checkpoints.Checkpoint checkpoint(Path runDir, RunFiles files, ResolvedSpec spec) {
        Checkpoints checkpoints = new Checkpoints(files.checkpoints(), files::metricsLength);
        Checkpoints.Checkpoint latest = checkpoints.latest().orElseThrow(() -> new BadInputException(runDir
                + " has no checkpoint to evaluate: " + whyNoCheckpoint(files) + "; finish training it with: runner run "
                + "--resume " + runDir));
        if (latest.state().finished()) return latest;
        var early = spec.spec().train().earlyStopping();
        Checkpoints.Checkpoint chosen = early != null && early.restoreBest() ? checkpoints.best().orElse(latest) : latest;
        LOG.warn("training of {} did not finish (step {} of {}); evaluating the checkpoint of step {}", runDir,
                latest.state().step(), latest.state().totalSteps(), chosen.state().step());
        return chosen;
    }

    private static String whyNoCheckpoint(RunFiles files) {
        var run = files.readRun();
        var failure = run.path("failure");
        if (!failure.isMissingNode()) {
            return "it failed in stage '" + failure.path("stage").asText() + "' before training saved one";
        }
        return "training saved none (status " + run.path("status").asText("unknown") + ")";
    }

    private void runStages(ExperimentPlan plan, RunFiles files, TrainedRun trained, Progress progress) {
        ResolvedSpec spec = plan.resolved();
        try (LocalTracker tracker = new LocalTracker(files);
                RunContext ctx = new RunContext(plan, files, tracker, progress, stop)) {
            ctx.setEvaluatedRun(trained);
            tracker.start(new RunInfo(spec.spec().tracking().experiment(), spec.runName(), spec.hash(),
                    spec.spec().description(), spec.axes()));
            tracker.logParams(Params.flatten(spec.effective()));
            tracker.setTag("spec_hash", spec.hash());
            tracker.setTag("evaluates", trained.files().dir().getFileName().toString());
            tracker.setTag("model", spec.spec().model().type());
            tracker.setTag("dataset.in", plan.test().label());
            tracker.setTag("dataset.ood", String.join(", ", plan.ood().stream().map(PlannedDataset::label).toList()));
            String stageName = null;
            try {
                for (Stage stage : stages.stages()) {
                    stageName = stage.name();
                    if (stop.requested()) {
                        throw RunInterruptedException.withoutHint("evaluation interrupted before stage '" + stageName
                                + "' (" + stop.reason() + ")");
                    }
                    LOG.debug("stage {}", stageName);
                    stage.run(ctx);
                }
            } catch (RunInterruptedException e) {
                // Nothing to resume: the directory keeps what was written, marked KILLED, and a new evaluation starts afresh.
                EvaluationDirectory.recordFailure(files, stageName, e);
                tracker.finish(RunStatus.KILLED);
                throw e.continueWith("runner evaluate " + trained.files().dir() + " (" + files.dir().getFileName()
                        + " is kept, marked KILLED)");
            } catch (RuntimeException e) {
                EvaluationDirectory.recordFailure(files, stageName, e);
                tracker.finish(RunStatus.FAILED);
                if (e instanceof UserFacingException) throw e;
                throw new RunFailedException("evaluation of " + trained.files().dir().getFileName() + ": stage '"
                        + stageName + "' failed: " + e, e);
            }
            tracker.finish(RunStatus.FINISHED);
        }
    }
}
