package org.oodrunner.components.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.oodrunner.framework.run.RunOutcome;

/**
 * One real run with every scorer, both analyses and the report, made once per test JVM and
 * shared by the tests that read it (results, report, browser). It lives under
 * {@code target/all-scorers-run} so its report can be opened after the tests.
 */
public final class AllScorersRun {
    public static final String IN = "smooth";
    public static final String OOD = "noise";

    /** A tiny flow trained on smooth 8x8 colour images; noise is OOD. */
    public static final String SPEC = """
            name: all_scorers
            description: every scorer on smooth images against noise, with a tiny element-wise flow
            seed: 3
            data:
              train: {dataset: patterns, split: train, size: 256, channels: 3, seed: 1}
              test: {dataset: patterns, split: test, size: 96, channels: 3, seed: 2, label: smooth}
              ood: [{dataset: patterns, split: test, size: 96, channels: 3, pattern: noise, seed: 3, label: noise}]
              validation: {size: 64}
            model: {type: tiny_flow}
            train: {steps: 150, batch_size: 32, log_every: 10, optimizer: {lr: 0.05}}
            eval: {batch_size: 40, bootstrap: {resamples: 200, level: 0.9}}
            scorers:
              - log_likelihood
              - bits_per_dim
              - latent_term
              - volume_term
              - gradient_norm
              - input_complexity
              - {type: input_complexity, name: input_complexity_jpeg, compressor: jpeg, jpeg_quality: 75}
              - {type: typicality, batch_sizes: [1, 4, 16], bootstrap_batches: 200}
              - {type: likelihood_ratio, mu: 0.3, steps: 30}
              - {type: waic, models: 3, steps: 20}
            metrics: [auroc, aupr_in, aupr_out, fpr_at_95_tpr, detection_error]
            analyses: {second_moment: true, graying: true}
            """;

    private static RunOutcome outcome;

    private AllScorersRun() {}

    public static synchronized RunOutcome get() {
        if (outcome == null) {
            Path dir = Path.of("target", "all-scorers-run").toAbsolutePath();
            delete(dir);
            outcome = new ScoringRuns(dir).run(SPEC);
        }
        return outcome;
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
