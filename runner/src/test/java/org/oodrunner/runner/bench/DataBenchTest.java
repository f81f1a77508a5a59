package org.oodrunner.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.oodrunner.runner.Cli;

/** The data benchmark runs end to end and reports every number docs/benchmarks.md records (tiny sizes, no timing asserted). */
class DataBenchTest {
    @Test
    void reportsMemoryAssemblyStepAndTheirRatio() {
        Cli outcome = Cli.run("bench", "data", "--per-file", "40", "--rounds", "1", "--batches", "4", "--steps", "2",
                "--batch-size", "16");
        assertEquals(0, outcome.exitCode(), outcome.err());
        String out = outcome.out();
        assertTrue(out.contains("load: 200 + 40 images of 32x32x3"), out);
        for (String line : new String[] {"memory: pixels 0.7 MB raw", "batch assembly, 32x32x3 batch 16",
                "with random flip + random crop", "without noise (bin centres", "gathering the batch's 8-bit pixels alone",
                "gaussian model training step", "prefetch thread alone"}) {
            assertTrue(out.contains(line), line + " missing from:\n" + out);
        }
        assertTrue(Pattern.compile("ratio step / assembly: [0-9.]+x").matcher(out).find(), out);
        assertTrue(Pattern.compile("dequantisation in the graph: the step fed 8-bit pixels takes [0-9]+ us .*"
                + "ratio step / gathering [0-9.]+x").matcher(out).find(), out);
    }
}
