package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.testing.SpecFixture;

/**
 * {@code range:} on dataset references: bound, checked when a spec is validated (or, for a split
 * whose size only loading tells, when the run loads it), and absent from the hash of references
 * without it. The toy dataset has 8 images per split; it knows its training split's size only.
 */
class DatasetRangeSpecTest {
    @TempDir
    Path dir;

    SpecFixture specs;

    @BeforeEach
    void setUp() {
        specs = new SpecFixture(dir);
    }

    private static String withTrain(String train) {
        return SpecFixture.minimal().replace("{dataset: toy, split: train}", train);
    }

    private String error(String yaml) {
        specs.write("s.yaml", yaml);
        BadInputException e = assertThrows(BadInputException.class, () -> specs.plan("s.yaml"));
        return e.getMessage();
    }

    @Test
    void referencesWithoutRangeHashAsBeforeRangeExisted() {
        // Pinned before `range` was added (commit a2df8f2): runs are resumed by these hashes.
        specs.write("minimal.yaml", SpecFixture.minimal());
        assertEquals("653391bdd80a", specs.plan("minimal.yaml").hash());
        specs.write("rich.yaml", SpecFixture.minimal()
                .replace("{dataset: toy, split: train}", "{dataset: toy, split: train, limit: 5, classes: [0]}")
                .replace("{dataset: toy, split: test}", "{dataset: toy, split: test, limit: 0.5, label: held}"));
        assertEquals("cd74a06219a7", specs.plan("rich.yaml").hash());
    }

    @Test
    void aRangeBindsAndChangesTheHash() {
        specs.write("s.yaml", withTrain("{dataset: toy, split: train, range: [2, 6], order: shuffled}"));
        ResolvedSpec r = specs.plan("s.yaml");
        DatasetRef train = r.spec().data().train();
        assertEquals(List.of(2, 6), train.range());
        assertEquals(DatasetRef.Order.SHUFFLED, train.order());
        assertEquals(null, r.spec().data().test().range());
        assertNotEquals("653391bdd80a", r.hash());
    }

    @Test
    void aRangeNeedsTwoBounds() {
        assertEquals("s.yaml:3:46: range has 3 number(s); write it as [start, end] (examples start..end-1 of the split), "
                + "e.g. [0, 8000]", error(withTrain("{dataset: toy, split: train, range: [0, 4, 6]}")));
    }

    @Test
    void aRangeStartsAtZeroOrLater() {
        assertEquals("s.yaml:3:47: range starts at -1; the first example is 0, so give a start of 0 or more",
                error(withTrain("{dataset: toy, split: train, range: [-1, 4]}")));
    }

    @Test
    void aRangeEndsAfterItsStart() {
        assertEquals("s.yaml:3:50: range [4, 4] is empty: its end is exclusive and must be greater than its start; "
                + "give an end above 4", error(withTrain("{dataset: toy, split: train, range: [4, 4]}")));
    }

    @Test
    void aRangeEndsWithinASplitOfKnownSize() {
        assertEquals("s.yaml:3:50: range [0, 9] ends past toy/train, which has 8 examples; give an end of at most 8",
                error(withTrain("{dataset: toy, split: train, range: [0, 9]}")));
    }

    @Test
    void anOrderWithoutARangeIsRefused() {
        assertEquals("s.yaml:3:46: `order:` says what `range:` counts in, but this reference has no range; add "
                + "`range: [start, end]` or remove `order:`", error(withTrain("{dataset: toy, split: train, order: file}")));
    }

    @Test
    void rangesSelectTheirExamplesInARun() throws Exception {
        specs.write("s.yaml", withTrain("{dataset: toy, split: train, range: [0, 6]}")
                .replace("{dataset: toy, split: test}", "{dataset: toy, split: test, range: [6, 8]}")
                + "train: {steps: 2, batch_size: 4}\n");
        ResolvedSpec spec = specs.load("s.yaml").get(0);
        RunOutcome outcome = specs.injector().getInstance(ExperimentRunner.class).run(spec, dir.resolve("s.yaml"),
                Progress.silent());
        JsonNode results = new ObjectMapper().readTree(outcome.files().results().toFile());
        assertEquals(2, results.at("/datasets/toy~1test/n").asInt());
    }

    @Test
    void aRangePastASplitThatOnlyLoadingMeasuresPointsAtTheSpec() {
        specs.write("s.yaml", SpecFixture.minimal().replace("{dataset: toy, split: test}", "{dataset: toy, split: test, "
                + "range: [4, 12]}") + "train: {steps: 2, batch_size: 4}\n");
        ResolvedSpec spec = specs.plan("s.yaml");
        BadInputException e = assertThrows(BadInputException.class, () -> specs.injector()
                .getInstance(ExperimentRunner.class).run(spec, dir.resolve("s.yaml"), Progress.silent()));
        assertEquals("s.yaml:4:48: range [4, 12] ends past toy/test, which has 8 examples; give an end of at most 8",
                e.getMessage());
    }
}
