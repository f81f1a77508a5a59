package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.component.TrainingOverrides;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.RecordBinder;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.model.TrainSpec;

/** An auxiliary model's budget and weight decay replace the run's and keep every other training setting. */
class AuxiliaryModelsTest {
    private static TrainSpec base() {
        return RecordBinder.bind(SpecJson.mapper().createObjectNode().put("epochs", 3).put("batch_size", 32)
                .put("log_every", 7), TrainSpec.class, new SourceMap(), "");
    }

    @Test
    void noBudgetKeepsTheRunsSettings() {
        TrainSpec run = base();
        assertSame(run, AuxiliaryModels.withOverrides(run, TrainingOverrides.NONE));
    }

    @Test
    void stepsOrEpochsReplaceTheBudgetOnly() {
        TrainSpec run = base();
        TrainSpec steps = AuxiliaryModels.withOverrides(run, new TrainingOverrides(40, null, null));
        assertEquals(40, steps.steps());
        assertEquals(32, steps.batchSize());
        assertEquals(7, steps.logEvery());
        assertEquals(run.optimizer(), steps.optimizer());
        TrainSpec epochs = AuxiliaryModels.withOverrides(run, new TrainingOverrides(null, 0.5, null));
        assertNull(epochs.steps());
        assertEquals(0.5, epochs.epochs());
        assertEquals(OptimizerSpec.Type.ADAM, epochs.optimizer().type());
    }

    @Test
    void weightDecayReplacesTheOptimisersOnlyAndKeepsTheBudget() {
        TrainSpec run = base();
        TrainSpec decayed = AuxiliaryModels.withOverrides(run, new TrainingOverrides(null, null, 0.25));
        assertEquals(0.25, decayed.optimizer().weightDecay());
        assertEquals(run.optimizer().lr(), decayed.optimizer().lr());
        assertEquals(run.optimizer().type(), decayed.optimizer().type());
        assertEquals(3.0, decayed.epochs());
        assertNull(decayed.steps());
        assertEquals(0.0, run.optimizer().weightDecay());
    }
}
