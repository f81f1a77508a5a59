package org.oodrunner.framework.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ClaimCommandTest {
    @Test
    void dropsOptionsThatDoNotChangeTheExperiment() {
        String recorded = "runner run --out /work/runs --tracking-uri none --set runtime.intra_op_threads=1 "
                + "--set runtime.inter_op_threads=1 --set 'grid.seed=[0,1,2]' experiments/fashion_vs_mnist_glow.yaml "
                + "--jobs 2 --devices=0,1 --set=tracking.experiment=x --set eval.every=250 --executor slurm --wait "
                + "--set 'scorers=[log_likelihood, {type: typicality, threshold_from: training}]'";
        assertEquals("runner run --set 'grid.seed=[0,1,2]' experiments/fashion_vs_mnist_glow.yaml --set eval.every=250 "
                + "--set 'scorers=[log_likelihood, {type: typicality, threshold_from: training}]'",
                ClaimCommand.essential(recorded));
    }

    @Test
    void keepsACommandWithNothingToDrop() {
        String c = "runner run experiments/fashion_vs_mnist.yaml --set train.epochs=2";
        assertEquals(c, ClaimCommand.essential(c));
    }
}
