package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.testing.SpecFixture;

/** {@code range:} on dataset references: checked at plan time, and absent from the hash of references without it. */
class DatasetRangeSpecTest {
    @TempDir
    Path dir;

    SpecFixture specs;

    @BeforeEach
    void setUp() {
        specs = new SpecFixture(dir);
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
}
