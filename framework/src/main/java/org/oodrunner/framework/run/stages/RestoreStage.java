package org.oodrunner.framework.run.stages;

import java.util.List;
import java.util.Map;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunContext;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.TrainedRun;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.TrainerState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * In place of training ({@code runner evaluate}): loads the weights of a trained run's
 * checkpoint into the graph the model stage built, and takes the step and final training
 * metrics from its trainer state, so the later stages report what the run reported. Only the
 * graph's variables are read; the optimiser's slots in the checkpoint are left alone.
 *
 * <p>Normalisation statistics measured on the training set must equal the ones the run logged:
 * otherwise the training data changed since, and the weights would be fed other inputs.
 */
public final class RestoreStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(RestoreStage.class);

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public void run(RunContext ctx) {
        TrainedRun trained = ctx.evaluatedRun()
                .orElseThrow(() -> new IllegalStateException("the restore stage runs only when evaluating a trained run"));
        checkMeasuredStatistics(ctx, trained);
        Checkpoints.Checkpoint checkpoint = trained.checkpoint();
        try {
            ctx.runtime().session().restore(checkpoint.prefix().toString());
        } catch (TensorFlowException | IllegalArgumentException e) {
            throw new RunFailedException("cannot load the checkpoint " + checkpoint.dir() + " into the model the spec builds ("
                    + firstLine(e) + "); the model's code or parameters differ from those that trained it, so this "
                    + "version cannot evaluate it", e);
        }
        TrainerState state = checkpoint.state();
        ctx.setTrainedSteps(state.step());
        ctx.finalTrainingMetrics().putAll(state.lastMetrics());
        LOG.info("restored the weights of step {} from {}", state.step(), checkpoint.dir());
    }

    private static void checkMeasuredStatistics(RunContext ctx, TrainedRun trained) {
        Map<String, String> then = trained.files().readStringMap(trained.files().params());
        Map<String, String> now = ctx.files().readStringMap(ctx.files().params());
        for (String key : List.of(ModelStage.MEASURED_MEAN, ModelStage.MEASURED_STD)) {
            if (then.containsKey(key) && !then.get(key).equals(now.get(key))) {
                throw new RunFailedException("the training set now gives " + key + " = " + now.get(key) + " but the run "
                        + "measured " + then.get(key) + "; the training data changed since the run trained, so its "
                        + "weights would see other inputs. Restore the data the run was trained on");
            }
        }
    }

    private static String firstLine(Exception e) {
        String m = String.valueOf(e.getMessage());
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
