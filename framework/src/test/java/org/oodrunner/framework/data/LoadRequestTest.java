package org.oodrunner.framework.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.transform.ImagePipeline;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.PreprocessSpec;
import org.oodrunner.framework.spec.model.PreprocessSpec.ResizeMethod;

class LoadRequestTest {
    private static final ImageShape SHAPE = new ImageShape(2, 2, 1);

    /** Image i is filled with the value i; its label is i % 3. */
    private static byte[][] images(int n) {
        byte[][] out = new byte[n][];
        for (int i = 0; i < n; i++) out[i] = new byte[] {(byte) i, (byte) i, (byte) i, (byte) i};
        return out;
    }

    private static int[] labels(int n) {
        int[] y = new int[n];
        for (int i = 0; i < n; i++) y[i] = i % 3;
        return y;
    }

    @Test
    void selectsByClassThenLimitKeepingFileOrder() {
        Selection selection = new Selection(List.of(0, 2), 5.0, 11, "x/train");
        ImageSet set = new LoadRequest("x/train", ImagePipeline.identity(), selection).fromArrays(SHAPE, images(30), labels(30), 3);
        assertEquals(5, set.size());
        int previous = -1;
        for (int i = 0; i < set.size(); i++) {
            int value = set.images()[i][0];
            assertTrue(value > previous, "file order kept");
            assertTrue(set.labels()[i] == 0 || set.labels()[i] == 2);
            assertEquals(value % 3, set.labels()[i], "labels travel with their images");
            previous = value;
        }
        ImageSet again = new LoadRequest("x/train", ImagePipeline.identity(), selection).fromArrays(SHAPE, images(30), labels(30), 3);
        assertArrayEquals(set.labels(), again.labels());
        assertEquals(6, new LoadRequest("x", ImagePipeline.identity(), new Selection(null, 0.2, 1, "x"))
                .fromArrays(SHAPE, images(30), null, 0).size(), "a limit below 1 is a fraction");
    }

    @Test
    void thePipelineReshapesEveryKeptImage() {
        ImagePipeline pipeline = ImagePipeline.of(PreprocessSpec.defaults().withGeometry(null, 1, ResizeMethod.AREA, 1, 3));
        ImageSet set = new LoadRequest("x", pipeline, Selection.all()).fromArrays(SHAPE, images(4), labels(4), 3);
        assertEquals(new ImageShape(3, 3, 3), set.shape());
        assertEquals(3, set.images()[3][(1 * 3 + 1) * 3] & 0xFF);
        assertEquals(0, set.images()[3][0]);
    }

    /** Decodes "files" that are the images above, except those named unreadable. */
    private record Files(byte[][] images, Set<Integer> unreadable, Set<Integer> decoded) implements ImageDecoder {
        @Override
        public DecodedImage decode(int i) throws UnreadableImageException {
            decoded.add(i);
            if (unreadable.contains(i)) throw new UnreadableImageException("not a PNG");
            return new DecodedImage(images[i], SHAPE);
        }

        @Override
        public String describe(int i) {
            return "dir/" + i + ".png";
        }
    }

    @Test
    void decodesOnlyTheSelectedFilesAndSkipsUnreadableOnesWhenAsked() {
        Set<Integer> decoded = ConcurrentHashMap.newKeySet();
        Files files = new Files(images(300), Set.of(4, 7), decoded);
        Selection selection = new Selection(List.of(1), null, 0, "x");
        ImageSet set = new LoadRequest("x", ImagePipeline.identity(), selection).decode(300, labels(300), 3, SHAPE, files, true);
        assertEquals(100 - 2, set.size(), "the two unreadable class-1 files are skipped");
        for (int i : decoded) assertEquals(1, i % 3, "only class-1 files are decoded");
        for (int i = 0; i < set.size(); i++) assertEquals(1, set.labels()[i]);
        assertEquals(10, set.images()[1][0] & 0xFF, "1, then 4 and 7 skipped, then 10");
    }

    @Test
    void anUnreadableFileStopsTheLoadWithItsNameWhenNotSkipping() {
        Files files = new Files(images(10), Set.of(6), ConcurrentHashMap.newKeySet());
        RunFailedException e = assertThrows(RunFailedException.class, () -> LoadRequest.all("x")
                .decode(10, null, 0, SHAPE, files, false));
        assertTrue(e.getMessage().startsWith("dir/6.png: cannot decode (not a PNG)"), e.getMessage());
    }

    @Test
    void anImageOfAnotherSizeIsNamedWithAHint() {
        ImageDecoder odd = new ImageDecoder() {
            @Override
            public DecodedImage decode(int i) {
                return i == 2 ? new DecodedImage(new byte[9], new ImageShape(3, 3, 1)) : new DecodedImage(new byte[4], SHAPE);
            }

            @Override
            public String describe(int i) {
                return "img" + i;
            }
        };
        RunFailedException e = assertThrows(RunFailedException.class, () -> LoadRequest.all("x").decode(5, null, 0, SHAPE, odd, false));
        assertTrue(e.getMessage().contains("img2: this image is 3x3x1") && e.getMessage().contains("resize"), e.getMessage());
        ImagePipeline resize = ImagePipeline.of(PreprocessSpec.defaults().withGeometry(null, 2, ResizeMethod.NEAREST, 0, null));
        assertEquals(5, new LoadRequest("x", resize, Selection.all()).decode(5, null, 0, SHAPE, odd, false).size(),
                "with a resize, mixed sizes are fine");
    }
}
