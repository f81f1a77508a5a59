package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.RecordBinder;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.model.TrainSpec;

/** An auxiliary model's budget replaces the run's budget and keeps every other training setting. */
class AuxiliaryModelsTest {
    private static TrainSpec base() {
        return RecordBinder.bind(SpecJson.mapper().createObjectNode().put("epochs", 3).put("batch_size", 32)
                .put("log_every", 7), TrainSpec.class, new SourceMap(), "");
    }

    @Test
    void noBudgetKeepsTheRunsSettings() {
        TrainSpec run = base();
        assertSame(run, AuxiliaryModels.withBudget(run, null, null));
    }

    @Test
    void stepsOrEpochsReplaceTheBudgetOnly() {
        TrainSpec run = base();
        TrainSpec steps = AuxiliaryModels.withBudget(run, 40, null);
        assertEquals(40, steps.steps());
        assertEquals(32, steps.batchSize());
        assertEquals(7, steps.logEvery());
        assertEquals(run.optimizer(), steps.optimizer());
        TrainSpec epochs = AuxiliaryModels.withBudget(run, null, 0.5);
        assertNull(epochs.steps());
        assertEquals(0.5, epochs.epochs());
        assertEquals(OptimizerSpec.Type.ADAM, epochs.optimizer().type());
    }
}
