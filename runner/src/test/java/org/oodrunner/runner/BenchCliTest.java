package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** `runner bench models` on shipped specs shrunk by --set: one row of positive rates per spec. */
class BenchCliTest {
    @Test
    void benchModelsPrintsTrainScoreAndSampleRatesForEachSpec() {
        Cli cli = Cli.run("bench", "models", "../experiments/fashion_vs_mnist_pixelcnn.yaml",
                "--set", "model.blocks=0", "--set", "model.width=4", "--set", "model.head_width=4",
                "--set", "train.batch_size=2", "--set", "eval.batch_size=2",
                "--train-steps", "20", "--score-images", "80", "--warmup", "1", "--rounds", "1", "--samples", "1");
        assertEquals(0, cli.exitCode(), cli.err());
        String[] lines = cli.out().strip().split("\n");
        assertTrue(lines[0].startsWith("# ") && lines[0].contains("cores"), lines[0]);
        assertTrue(lines[1].startsWith("spec\tmodel\tparameters"), lines[1]);
        assertEquals(4, lines.length, cli.out());
        assertTrue(lines[3].startsWith("# load average"), lines[3]);
        String[] row = lines[2].split("\t");
        assertEquals("fashion_vs_mnist_pixelcnn", row[0]);
        assertEquals("pixelcnn", row[1]);
        assertEquals("28x28x1", row[3]);
        for (int column : new int[] {5, 6, 8, 9, 11}) {
            assertTrue(Double.parseDouble(row[column]) > 0, "column " + column + " of " + lines[2]);
        }
        assertEquals("1", row[10], "samples drawn");
    }

    @Test
    void aBadSpecIsOneLineAndExitCode2() {
        Cli cli = Cli.run("bench", "models", "../experiments/fashion_vs_mnist_vae.yaml", "--set", "model.likelihood=bernoulli");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("bernoulli likelihood models binary pixels"), cli.err());
        assertTrue(!cli.printedStackTrace(), cli.err());
    }
}
