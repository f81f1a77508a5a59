package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec.Schedule;

class LearningRateScheduleTest {
    static OptimizerSpec opt(int warmup, Schedule schedule, Integer decayEvery, double decayFactor, double minLr) {
        return new OptimizerSpec(OptimizerSpec.Type.ADAM, 0.01, 0.9, 0.999, 1e-8, warmup, null, schedule, decayEvery,
                decayFactor, minLr, 0);
    }

    @Test
    void warmUpRisesLinearlyToThePeakThenStaysConstant() {
        LearningRateSchedule s = new LearningRateSchedule(opt(4, Schedule.CONSTANT, null, 0.1, 0), 100);
        assertEquals(0.0025, s.rate(0), 1e-15);
        assertEquals(0.005, s.rate(1), 1e-15);
        assertEquals(0.01, s.rate(3), 1e-15);
        assertEquals(0.01, s.rate(4), 1e-15);
        assertEquals(0.01, s.rate(99), 1e-15);
    }

    @Test
    void stepDecayMultipliesEveryDecayEveryStepsAfterWarmUp() {
        LearningRateSchedule s = new LearningRateSchedule(opt(2, Schedule.STEP, 10, 0.5, 0), 100);
        assertEquals(0.01, s.rate(2), 1e-15);
        assertEquals(0.01, s.rate(11), 1e-15);
        assertEquals(0.005, s.rate(12), 1e-15);
        assertEquals(0.0025, s.rate(22), 1e-15);
    }

    @Test
    void cosineFallsFromThePeakToTheMinimumAtTheLastStep() {
        LearningRateSchedule s = new LearningRateSchedule(opt(10, Schedule.COSINE, null, 0.1, 0.001), 111);
        assertEquals(0.01, s.rate(10), 1e-15);
        assertEquals(0.001 + 0.5 * 0.009, s.rate(60), 1e-12, "half way");
        assertEquals(0.001, s.rate(110), 1e-15, "last step");
        assertEquals(0.001 + 0.5 * 0.009 * (1 + Math.cos(Math.PI * 0.25)), s.rate(35), 1e-12);
    }

    @Test
    void theStepScheduleNeedsItsInterval() {
        assertThrows(IllegalArgumentException.class, () -> new LearningRateSchedule(opt(0, Schedule.STEP, null, 0.1, 0), 10));
    }
}
