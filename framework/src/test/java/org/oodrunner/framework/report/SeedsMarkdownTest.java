package org.oodrunner.framework.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.BadInputException;

/**
 * {@code runner table --seeds}: runs grouped by their specs without seed, runtime and tracking;
 * mean, sample sd, min and max per group, checked against values computed here another way.
 */
class SeedsMarkdownTest {
    @TempDir
    Path store;

    Path seed0;
    Path seed1;
    Path seed2;
    Path otherLr;

    @BeforeEach
    void write() {
        StoredRuns runs = new StoredRuns(store);
        seed0 = runs.run("tiny", "aaaaaaaaaaa0", 0, 0.01, 1, 4.10, 3.00, 0.40, 1.00);
        seed1 = runs.run("tiny", "aaaaaaaaaaa1", 1, 0.01, 1, 4.30, 3.50, 0.46, 0.90);
        // Another thread count is the same experiment: runtime does not make a new group.
        seed2 = runs.run("tiny", "aaaaaaaaaaa2", 2, 0.01, 2, 4.20, 3.10, 0.61, 0.95);
        otherLr = runs.run("tiny", "bbbbbbbbbbb0", 0, 0.001, 1, 5.00, 4.00, 0.70, 0.50);
    }

    /** mean ± sd [min, max] by the one-pass formula (sum of squares), not the renderer's two-pass one. */
    private static String expected(double... v) {
        double sum = 0;
        double squares = 0;
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double x : v) {
            sum += x;
            squares += x * x;
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double mean = sum / v.length;
        double sd = Math.sqrt((squares - v.length * mean * mean) / (v.length - 1));
        return String.format(Locale.ROOT, "%.3f ± %.3f [%.3f, %.3f]", mean, sd, min, max);
    }

    @Test
    void seedsOfOneSpecAreOneGroupWithSampleSpread() {
        String md = SeedsMarkdown.render(List.of(seed0, seed1, seed2, otherLr));
        // By hand: AUROC 0.40, 0.46, 0.61: mean 0.49, deviations -0.09, -0.03, 0.12, sd sqrt(0.0234 / 2) = 0.108.
        assertEquals("0.490 ± 0.108 [0.400, 0.610]", expected(0.40, 0.46, 0.61));
        assertTrue(md.contains("| log_likelihood | mnist/test | " + expected(0.40, 0.46, 0.61) + " | "
                + expected(1.00, 0.90, 0.95) + " |"), md);
        assertTrue(md.contains("| fashion_mnist/test | in_distribution | 10000 | " + expected(4.10, 4.30, 4.20) + " |"), md);
        assertTrue(md.contains("| mnist/test | ood | 10000 | " + expected(3.00, 3.50, 3.10) + " |"), md);
        assertTrue(md.contains("sample standard deviation (divided by n - 1)"), md);
        // A different learning rate is another group, named by the setting that tells them apart.
        assertTrue(md.contains("### tiny {train.optimizer.lr=0.01}: 3 seeds (0, 1, 2)"), md);
        assertTrue(md.contains("### tiny {train.optimizer.lr=0.001}: 1 seed (0)"), md);
        assertTrue(md.indexOf("lr=0.01}: 3 seeds") < md.indexOf("lr=0.001}: 1 seed"), md);
        assertTrue(md.contains("| log_likelihood | mnist/test | 0.700 (one seed: no spread) [0.700, 0.700] |"), md);
        // The per-seed values below, and every run's provenance.
        assertTrue(md.contains("| log_likelihood | mnist/test | 1 | `aaaaaaaaaaa1` | 0.460 | 0.900 |"), md);
        assertTrue(md.contains("| 2 | `aaaaaaaaaaa2` | 4.200 | 3.100 |"), md);
        assertEquals(4, md.lines().filter(l -> l.contains("| `a2df8f2dc551` |")).count(), md);
    }

    @Test
    void aGridStandsForItsPointsInPointOrder() {
        Path grid = new StoredRuns(store).grid("tiny", "cccccccccccc", List.of(seed2, seed0, seed1));
        String md = SeedsMarkdown.render(List.of(grid));
        assertTrue(md.contains("### tiny: 3 seeds (2, 0, 1)"), md);
        assertTrue(md.contains("| log_likelihood | mnist/test | " + expected(0.61, 0.40, 0.46) + " |"), md);
        assertTrue(md.indexOf("| 2 | `aaaaaaaaaaa2` |") < md.indexOf("| 0 | `aaaaaaaaaaa0` |"), md);
        String plain = ResultsMarkdown.render(List.of(grid));
        assertTrue(plain.indexOf("tiny[seed=2]") < plain.indexOf("tiny[seed=0]"), plain);
        assertTrue(plain.contains("| tiny[seed=0] | log_likelihood | mnist/test | 0.400 [0.390, 0.410] | 1.000 |"), plain);
    }

    @Test
    void anUnfinishedPointIsNamedWithHowToFinishIt() throws Exception {
        Path grid = new StoredRuns(store).grid("tiny", "cccccccccccc", List.of(seed0, seed1));
        Path runJson = seed1.resolve("run.json");
        Files.writeString(runJson, Files.readString(runJson).replace("\"FINISHED\"", "\"RUNNING\""));
        BadInputException e = assertThrows(BadInputException.class, () -> SeedsMarkdown.render(List.of(grid)));
        assertEquals("grid " + grid + ": point 1 tiny (tiny-aaaaaaaaaaa1) has not finished (RUNNING): wait for the grid "
                + "to end (runner status " + grid + "), run its spec again to finish it, or name the finished points' "
                + "directories instead of the grid", e.getMessage());
        BadInputException direct = assertThrows(BadInputException.class, () -> ResultsMarkdown.render(List.of(seed1)));
        assertTrue(direct.getMessage().startsWith(seed1 + " has not finished (status RUNNING): "), direct.getMessage());
    }

    @Test
    void aDirectoryThatIsNeitherRunNorGridIsOneLine() throws Exception {
        Path empty = Files.createDirectories(store.resolve("empty"));
        BadInputException e = assertThrows(BadInputException.class, () -> SeedsMarkdown.render(List.of(empty)));
        assertEquals(empty + " is neither a run directory (results.json) nor a grid's record (run.json with kind: grid): "
                + "give <out>/<name>-<hash> or <out>/<name>-grid-<hash>", e.getMessage());
    }

    @Test
    void theSameSeedTwiceIsRefused() {
        Path copy = new StoredRuns(store).run("tiny", "aaaaaaaaaaa9", 1, 0.01, 1, 4.0, 3.0, 0.5, 1.0);
        BadInputException e = assertThrows(BadInputException.class, () -> SeedsMarkdown.render(List.of(seed1, copy)));
        assertEquals(seed1 + " and " + copy + " are the same experiment with the same seed 1; name one of them", e.getMessage());
        BadInputException twice = assertThrows(BadInputException.class, () -> SeedsMarkdown.render(List.of(seed1, seed1)));
        assertTrue(twice.getMessage().endsWith("is named twice (directly or through its grid); name each run once"));
    }

    @Test
    void aRunWithoutItsResolvedSpecCannotBeGroupedAndTheHintFitsEveryGroupingOption() throws Exception {
        Files.delete(seed1.resolve("spec.effective.json"));
        BadInputException e = assertThrows(BadInputException.class, () -> SeedsMarkdown.render(List.of(seed0, seed1)));
        assertEquals(seed1 + " has no spec.effective.json with a seed, so it cannot be grouped with the other seeds of its "
                + "experiment; give runs written by this runner (each has one), or tabulate it on its own with plain "
                + "`runner table DIR`", e.getMessage());
        // Plain tabulation still reads it.
        assertTrue(ResultsMarkdown.render(List.of(seed1)).contains("aaaaaaaaaaa1"));
    }
}
