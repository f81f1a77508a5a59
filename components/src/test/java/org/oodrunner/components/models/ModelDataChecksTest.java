package org.oodrunner.components.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Injector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.SpecLoader;

/** Models refuse data they cannot describe when a spec is planned, pointing at the parameter at fault. */
class ModelDataChecksTest {
    @TempDir
    Path dir;

    private final Injector injector = Injectors.create(new RunSettings(Path.of("target/runs"), Path.of("target/data"), null));

    private void plan(String yaml) throws Exception {
        Path spec = dir.resolve("spec.yaml");
        Files.writeString(spec, yaml);
        for (ResolvedSpec r : injector.getInstance(SpecLoader.class).load(spec, "spec.yaml", SpecLoader.Options.defaults())) {
            injector.getInstance(ExperimentPlanner.class).plan(r);
        }
    }

    private static String spec(int bits, String model) {
        return """
                name: check
                data:
                  train: {dataset: fashion_mnist, split: train}
                  test: {dataset: fashion_mnist, split: test}
                  ood: [{dataset: mnist, split: train_first10k}]
                  preprocess: {bits: %d}
                model:
                %s
                scorers: [log_likelihood]
                metrics: [auroc]
                """.formatted(bits, model.indent(2).stripTrailing());
    }

    @Test
    void aBernoulliVaeNeedsBinaryData() throws Exception {
        SpecError e = assertThrows(SpecError.class, () -> plan(spec(8, "type: vae\nlikelihood: bernoulli")));
        assertEquals("spec.yaml:9:15", e.position().toString());
        assertTrue(e.problem().contains("bernoulli") && e.problem().contains("256 levels")
                && e.problem().contains("data.preprocess.bits: 1"), e.getMessage());
        plan(spec(1, "type: vae\nlikelihood: bernoulli"));
    }

    @Test
    void aVaeNeedsSidesDivisibleByItsDownsampling() throws Exception {
        SpecError e = assertThrows(SpecError.class, () -> plan(spec(8, "type: vae\nchannels: [8, 16, 32]")));
        assertEquals("spec.yaml:9:13", e.position().toString());
        assertTrue(e.problem().contains("divisible by 8") && e.problem().contains("28x28x1"), e.getMessage());
        plan(spec(8, "type: vae\nchannels: [8, 16]"));
    }

    @Test
    void aPixelCnnNeedsOddKernels() throws Exception {
        SpecError e = assertThrows(SpecError.class, () -> plan(spec(8, "type: pixelcnn\nkernel_size: 4")));
        assertEquals("spec.yaml:9:16", e.position().toString());
        assertTrue(e.problem().contains("kernel_size must be odd"), e.getMessage());
        plan(spec(8, "type: pixelcnn\nkernel_size: 5\nfirst_kernel_size: 7"));
    }
}
