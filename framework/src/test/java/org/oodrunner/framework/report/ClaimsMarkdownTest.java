package org.oodrunner.framework.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.spec.SpecError;

/** {@code runner table --claims}: the "Paper vs here" table from a claims file and the runs it names. */
class ClaimsMarkdownTest {
    @TempDir
    Path store;

    Path grid;

    @BeforeEach
    void write() {
        StoredRuns runs = new StoredRuns(store);
        Path s0 = runs.run("tiny", "aaaaaaaaaaa0", 0, 0.01, 1, 4.10, 3.00, 0.40, 1.00);
        Path s1 = runs.run("tiny", "aaaaaaaaaaa1", 1, 0.01, 1, 4.30, 3.50, 0.46, 0.90);
        Path s2 = runs.run("tiny", "aaaaaaaaaaa2", 2, 0.01, 1, 4.20, 3.10, 0.61, 0.95);
        grid = runs.grid("tiny", "cccccccccccc", List.of(s0, s1, s2));
        runs.run("tiny", "bbbbbbbbbbb0", 0, 0.001, 1, 5.00, 4.00, 0.70, 0.50);
    }

    private static final String INVERSION = """
            claims:
              - claim: The likelihood prefers MNIST
                paper: "Nalisnick et al. 2019, Fig. 1: lower bits/dim on the OOD set"
                runs: [tiny-grid-cccccccccccc]
                value: /metrics/log_likelihood/mnist~1test/auroc
                holds_if: "< 0.5"
                command: runner run tiny.yaml --set 'grid.seed=[0,1,2]'
                section: "#tiny"
            """;

    private Path claims(String text) throws IOException {
        Path file = store.resolve("claims.yaml");
        Files.writeString(file, text);
        return file;
    }

    private static String spread(double... v) {
        double mean = 0;
        for (double x : v) mean += x / v.length;
        double ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        double min = Math.min(v[0], Math.min(v[1], v[2]));
        double max = Math.max(v[0], Math.max(v[1], v[2]));
        return String.format(Locale.ROOT, "%.3f ± %.3f (%d seeds) [%.3f, %.3f]", mean, Math.sqrt(ss / (v.length - 1)),
                v.length, min, max);
    }

    @Test
    void eachClaimGivesItsSpreadOverSeedsAndHowManyHold() throws IOException {
        String md = ClaimsMarkdown.render(claims(INVERSION + """
                  - claim: MNIST has fewer bits/dim
                    paper: "Nalisnick et al. 2019, Table 1"
                    runs: [tiny-aaaaaaaaaaa0, tiny-aaaaaaaaaaa1, tiny-aaaaaaaaaaa2]
                    value: {difference: [/datasets/fashion_mnist~1test/bits_per_dim/mean, /datasets/mnist~1test/bits_per_dim/mean]}
                    holds_if: "> 0"
                    section: "#bits"
                  - claim: The likelihood detects MNIST well
                    paper: none
                    runs: [tiny-grid-cccccccccccc]
                    value: /metrics/log_likelihood/mnist~1test/auroc
                    holds_if: "> 0.9"
                    command: runner run tiny.yaml
                    section: "#tiny"
                  - claim: MNIST is never told apart at 95% TPR
                    paper: none
                    runs: [tiny-grid-cccccccccccc]
                    value: /metrics/log_likelihood/mnist~1test/fpr_at_95_tpr
                    holds_if: "== 1"
                    section: "#tiny"
                  - claim: Glow prefers SVHN
                    paper: "Nalisnick et al. 2019: 3.39 vs 2.39 bits/dim"
                    section: "#cifar"
                    note: needs CIFAR-10/SVHN and a GPU; spec experiments/cifar_vs_svhn.yaml
                """), store);
        assertTrue(md.startsWith("| claim | paper | here: mean ± sd (n seeds) [min, max] | holds? | command | details |\n"), md);
        assertTrue(md.contains("| The likelihood prefers MNIST (< 0.5) | Nalisnick et al. 2019, Fig. 1: lower bits/dim on "
                + "the OOD set | " + spread(0.40, 0.46, 0.61) + " | mixed (2/3 seeds): the spread crosses 0.5 | "
                + "`runner run tiny.yaml --set 'grid.seed=[0,1,2]'` | [details](#tiny) |"), md);
        // Without a command in the claim, the command the runs recorded. 4.10 - 3.00, 4.30 - 3.50, 4.20 - 3.10: 1.1, 0.8, 1.1 (by hand: mean 1.000, sd sqrt(0.06 / 2) = 0.173).
        assertEquals("1.000 ± 0.173 (3 seeds) [0.800, 1.100]", spread(1.1, 0.8, 1.1));
        assertTrue(md.contains("| MNIST has fewer bits/dim (> 0) | Nalisnick et al. 2019, Table 1 | " + spread(1.1, 0.8, 1.1)
                + " | yes (3/3 seeds) | `runner run experiments/tiny.yaml --set 'grid.seed=[0,1,2]'` | [details](#bits) |"), md);
        assertTrue(md.contains("| The likelihood detects MNIST well (> 0.9) | none | " + spread(0.40, 0.46, 0.61)
                + " | no (0/3 seeds) |"), md);
        // FPR@95 1.00, 0.90, 0.95: exactly 1 in one seed.
        assertTrue(md.contains("| MNIST is never told apart at 95% TPR (== 1) | none | " + spread(1.00, 0.90, 0.95)
                + " | mixed (1/3 seeds) |"), md);
        assertTrue(md.contains("| Glow prefers SVHN | Nalisnick et al. 2019: 3.39 vs 2.39 bits/dim | needs CIFAR-10/SVHN and a "
                + "GPU; spec experiments/cifar_vs_svhn.yaml | not run here |  | [details](#cifar) |"), md);
        assertTrue(md.contains("sample standard deviation over seeds (divided by n - 1)"), md);
        // Per seed: each value with its run and provenance.
        assertTrue(md.contains("| MNIST has fewer bits/dim | 1 | tiny[seed=1] (`aaaaaaaaaaa1`) | "
                + "/datasets/fashion_mnist~1test/bits_per_dim/mean - /datasets/mnist~1test/bits_per_dim/mean | 0.800 | yes | "
                + "`a2df8f2dc551` | AMD EPYC, 2 CPUs, sse4_2 avx avx2 fma | 2026-12-07 |"), md);
        assertTrue(md.contains("| The likelihood prefers MNIST | 2 | tiny[seed=2] (`aaaaaaaaaaa2`) | "
                + "/metrics/log_likelihood/mnist~1test/auroc | 0.610 | no |"), md);
    }

    @Test
    void aPointerMissingInARunNamesTheRunAndThePointer() throws IOException {
        Path file = claims(INVERSION.replace("mnist~1test/auroc", "mnist~1tset/auroc"));
        SpecError e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(file, store));
        assertEquals(file + ":5:12: claim 'The likelihood prefers MNIST': " + store.resolve("tiny-aaaaaaaaaaa0/results.json")
                + ": /metrics/log_likelihood/mnist~1tset/auroc is missing; /metrics/log_likelihood has mnist~1test", e.getMessage());
    }

    @Test
    void badClaimsAreOneLineAtTheirPlace() throws IOException {
        Path bad = claims(INVERSION.replace("\"< 0.5\"", "about half"));
        SpecError e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(bad, store));
        assertEquals(bad + ":6:15: holds_if must be a comparison with a number, e.g. \"< 0.5\", \"> 0.9\", \">= 0\", \"== 0\" "
                + "(quoted), not 'about half'", e.getMessage());
        Path typo = claims(INVERSION.replace("holds_if:", "hold_if:"));
        e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(typo, store));
        assertEquals(typo + ":6:5: unknown key 'hold_if' in a claim; did you mean 'holds_if'?", e.getMessage());
        Path pointer = claims(INVERSION.replace("value: /metrics", "value: metrics"));
        e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(pointer, store));
        assertTrue(e.getMessage().startsWith(pointer + ":5:12: 'metrics/log_likelihood/mnist~1test/auroc' is not a JSON Pointer"),
                e.getMessage());
    }

    @Test
    void whereTakesOneExperimentsSeedsOutOfAGridOverMoreAxes() throws IOException {
        StoredRuns runs = new StoredRuns(store);
        List<Path> points = new java.util.ArrayList<>();
        for (int seed = 0; seed < 2; seed++) {
            for (double lr : new double[] {0.01, 0.1}) {
                Path p = runs.run("wide", "dddddddddd" + seed + (lr < 0.05 ? "a" : "b"), seed, lr, 1, 4.0, 3.0,
                        lr < 0.05 ? 0.3 + seed / 10.0 : 0.8 + seed / 10.0, 1.0);
                StoredRuns.addAxis(p, "train.optimizer.lr", lr);
                points.add(p);
            }
        }
        runs.grid("wide", "eeeeeeeeeeee", points);
        String text = INVERSION.replace("tiny-grid-cccccccccccc", "wide-grid-eeeeeeeeeeee")
                .replace("    value:", "    where: {train.optimizer.lr: 0.1}\n    value:");
        String md = ClaimsMarkdown.render(claims(text), store);
        // lr 0.1: AUROC 0.8 and 0.9 (seeds 0 and 1), mean 0.85, sd sqrt(0.005) = 0.071.
        assertTrue(md.contains("| 0.850 ± 0.071 (2 seeds) [0.800, 0.900] | no (0/2 seeds) |"), md);
        Path none = claims(text.replace("lr: 0.1}", "lr: 0.5}"));
        SpecError e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(none, store));
        assertEquals(none + ":4:12: claim 'The likelihood prefers MNIST': no run of wide-grid-eeeeeeeeeeee has the grid axes "
                + "{train.optimizer.lr=0.5}; check 'where' against the axes in the runs' results.json (run.axes)", e.getMessage());
        SpecError mixed = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(claims(INVERSION.replace(
                "tiny-grid-cccccccccccc", "wide-grid-eeeeeeeeeeee")), store));
        assertTrue(mixed.getMessage().contains("its runs are not the seeds of one experiment"), mixed.getMessage());
    }

    @Test
    void runsOfDifferentExperimentsAreNotOneClaim() throws IOException {
        Path file = claims(INVERSION.replace("[tiny-grid-cccccccccccc]", "[tiny-grid-cccccccccccc, tiny-bbbbbbbbbbb0]"));
        SpecError e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(file, store));
        assertTrue(e.getMessage().startsWith(file + ":4:12: claim 'The likelihood prefers MNIST': its runs are not the seeds "
                + "of one experiment"), e.getMessage());
        assertTrue(e.getMessage().contains("tiny {train.optimizer.lr=0.01}; tiny {train.optimizer.lr=0.001}"), e.getMessage());
    }

    @Test
    void variesLetsNamedSettingsDifferBetweenTheSeedsOfOneClaim() throws IOException {
        // As an embedding flow's seeds do: each seed's flow reads the features of its own seed's classifier run.
        String runs = INVERSION.replace("[tiny-grid-cccccccccccc]", "[tiny-aaaaaaaaaaa1, tiny-aaaaaaaaaaa2, tiny-bbbbbbbbbbb0]");
        SpecError refused = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(claims(runs), store));
        assertTrue(refused.getMessage().contains("its runs are not the seeds of one experiment"), refused.getMessage());

        String md = ClaimsMarkdown.render(claims(runs.replace("    section:", "    varies: [train.optimizer.lr]\n    section:")),
                store);
        assertTrue(md.contains("| " + spread(0.46, 0.61, 0.70) + " | mixed (1/3 seeds): the spread crosses 0.5 |"), md);

        SpecError bad = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(
                claims(runs.replace("    section:", "    varies: train.optimizer.lr\n    section:")), store));
        assertTrue(bad.getMessage().endsWith("'varies' must be a list of spec paths (e.g. [data.features.run]), not a string"),
                bad.getMessage());
    }

    @Test
    void overTrainingTakesTheLargestEvaluationAfterTheUntrainedModel() throws IOException {
        // Step 0 (the untrained model) is left out: it would say nothing about training.
        double[][] auroc = {{0.9, 0.30, 0.45}, {0.8, 0.48, 0.20}, {0.7, 0.52, 0.40}};
        for (int seed = 0; seed < 3; seed++) {
            StringBuilder lines = new StringBuilder();
            int[] steps = {0, 250, 500};
            for (int i = 0; i < 3; i++) {
                lines.append("{\"key\":\"eval/log_likelihood/mnist/test/auroc\",\"value\":").append(auroc[seed][i])
                        .append(",\"step\":").append(steps[i]).append(",\"timestamp\":1}\n");
                lines.append("{\"key\":\"eval/mnist/test/bits_per_dim\",\"value\":3.0,\"step\":").append(steps[i])
                        .append(",\"timestamp\":1}\n");
            }
            Files.writeString(store.resolve("tiny-aaaaaaaaaaa" + seed).resolve("metrics.jsonl"), lines.toString());
        }
        String text = INVERSION.replace("value: /metrics/log_likelihood/mnist~1test/auroc",
                "value: {over_training: eval/log_likelihood/mnist/test/auroc, take: max}");
        String md = ClaimsMarkdown.render(claims(text), store);
        assertTrue(md.contains("| " + spread(0.45, 0.48, 0.52) + " | mixed (2/3 seeds): the spread crosses 0.5 |"), md);

        SpecError noTake = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(
                claims(text.replace(", take: max}", "}")), store));
        assertTrue(noTake.getMessage().endsWith("'over_training' needs 'take: max' or 'take: min' (the largest or smallest "
                + "value over the evaluations after step 0)"), noTake.getMessage());
        SpecError typo = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(
                claims(text.replace("eval/log_likelihood/mnist/test/auroc", "eval/log_likelihood/mnist/tset/auroc")), store));
        assertTrue(typo.getMessage().contains("eval/log_likelihood/mnist/tset/auroc has no values after step 0 in metrics.jsonl"),
                typo.getMessage());
    }

    @Test
    void aRunDirectoryThatDoesNotExistIsNamedAtItsPlace() throws IOException {
        Path file = claims(INVERSION.replace("[tiny-grid-cccccccccccc]", "[tiny-grid-dddddddddddd]"));
        SpecError e = assertThrows(SpecError.class, () -> ClaimsMarkdown.render(file, store));
        assertEquals(file + ":4:12: claim 'The likelihood prefers MNIST': " + store.resolve("tiny-grid-dddddddddddd")
                + " is not a directory: give a run directory (<out>/<name>-<hash>) or a grid directory "
                + "(<out>/<name>-grid-<hash>)", e.getMessage());
    }

    @Test
    void theShippedClaimsFileReads() throws IOException {
        List<Claim> claims = ClaimsFile.read(Path.of("../docs/claims.yaml"));
        assertTrue(claims.size() >= 15, "claims: " + claims.size());
        // Every claim links to a section or subsection of docs/results.md (GitHub's heading anchors: lower
        // case, punctuation other than '-' dropped, spaces as '-'; a repeated heading's anchor gets -1, -2, ...).
        List<String> anchors = new ArrayList<>();
        Map<String, Integer> seen = new HashMap<>();
        for (String l : Files.readAllLines(Path.of("../docs/results.md"))) {
            if (!l.startsWith("## ") && !l.startsWith("### ")) continue;
            String anchor = "#" + l.substring(l.indexOf(' ') + 1).strip().toLowerCase(Locale.ROOT)
                    .replaceAll("[^a-z0-9 _-]", "").replace(' ', '-');
            int before = seen.merge(anchor, 1, Integer::sum) - 1;
            anchors.add(before == 0 ? anchor : anchor + "-" + before);
        }
        for (Claim c : claims) {
            assertTrue(anchors.contains(c.section()), c.claim() + " links to " + c.section() + ", not a section of results.md: " + anchors);
            assertTrue(!c.runs().isEmpty() || c.note() != null, c.claim() + " is not run here and says nothing of why");
            assertTrue(c.runs().isEmpty() || c.value() != null && c.holdsIf() != null, c.claim());
        }
    }
}
