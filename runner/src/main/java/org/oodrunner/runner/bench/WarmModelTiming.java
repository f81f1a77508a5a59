package org.oodrunner.runner.bench;

import java.util.Set;
import org.oodrunner.framework.component.Quantity;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.Preprocessing;
import org.oodrunner.framework.spec.model.TrainSpec;
import org.oodrunner.framework.tf.BuiltModel;
import org.oodrunner.framework.tf.Evaluator;
import org.oodrunner.framework.tf.Trainer;
import org.oodrunner.framework.tf.TrainingListener;
import org.oodrunner.runner.bench.PlannedModelTiming.Rate;

/**
 * A model graph built once and timed again and again, as a run trains and scores it: each
 * training round is one call of the {@link Trainer} (background batches, the learning rate fed,
 * loss and gradient norm fetched every step) timed from the end of its first step to its last,
 * so the model's data-dependent initialisation and the first step's set-up stay out; each
 * scoring round is one {@link Evaluator} pass. Keeping the graph lets rounds alternate with
 * other contenders cheaply.
 */
final class WarmModelTiming implements AutoCloseable {
    private final BuiltModel built;
    private final Trainer trainer;
    private final int steps;
    private final int batchSize;

    /** @param train the training section whose batch size and optimiser to use; takes {@code 1 + steps} steps a round */
    WarmModelTiming(BuiltModel built, TrainSpec train, int steps) {
        this.built = built;
        this.steps = steps;
        this.batchSize = train.batchSize();
        try {
            this.trainer = new Trainer(built.runtime(), built.graph(), built.model(),
                    new TrainSpec(1 + steps, 1, train.batchSize(), train.optimizer(), 1));
        } catch (RuntimeException e) {
            built.close();
            throw e;
        }
    }

    /** Training images/s of one round of {@code steps} steps (after one untimed step). */
    Rate train(ImageSet images, Preprocessing preprocessing, long seed) {
        long[] wall = new long[2];
        long[] cpu = new long[2];
        TrainingListener marks = (step, total, metrics) -> {
            int at = step == 1 ? 0 : step == total ? 1 : -1;
            if (at >= 0) {
                wall[at] = System.nanoTime();
                cpu[at] = Timed.processCpuNanos();
            }
        };
        trainer.train(images, preprocessing, seed, marks);
        return Rate.of((long) steps * batchSize, new Timed((wall[1] - wall[0]) / 1e9, (cpu[1] - cpu[0]) / 1e9));
    }

    /** Scoring images/s over every image of {@code images}, fetching {@code quantities}. */
    Rate score(ImageSet images, Set<Quantity> quantities, Preprocessing preprocessing, int batch, long seed) {
        Evaluator evaluator = new Evaluator(built.runtime(), built.graph(), built.model());
        return Rate.of(images.size(), Timed.of(() -> evaluator.evaluate(images, quantities, preprocessing, batch, seed, null)));
    }

    long parameterCount() {
        return built.graph().parameters().count();
    }

    @Override
    public void close() {
        built.close();
    }
}
