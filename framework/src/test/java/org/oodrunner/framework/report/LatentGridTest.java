package org.oodrunner.framework.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.tf.TensorIO;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The latent figure: squeezes undone exactly as TensorFlow's depth_to_space does, and panels drawn where they belong. */
class LatentGridTest {
    @Test
    void unsqueezingIsTensorFlowsDepthToSpace() {
        ImageShape shape = new ImageShape(3, 2, 8);
        float[] values = new float[shape.dims()];
        SplittableRandom r = new SplittableRandom(1);
        for (int i = 0; i < values.length; i++) values[i] = (float) r.nextGaussian();
        LatentGrid.Panel ours = LatentGrid.depthToSpace(new LatentGrid.Panel(values, shape));
        float[] expected;
        try (Graph g = new Graph(); Session s = new Session(g);
                TFloat32 in = TensorIO.floats(values, 1, 3, 2, 8)) {
            Ops tf = Ops.create(g);
            var x = tf.placeholder(TFloat32.class);
            Operand<TFloat32> y = tf.nn.depthToSpace(x, 2L);
            try (Result out = s.runner().feed(x, in).fetch(y).run()) {
                expected = TensorIO.toFloats(out.get(0));
            }
        }
        assertEquals(new ImageShape(6, 4, 2), ours.shape());
        assertArrayEquals(expected, ours.values());
        // Unsqueezing stops when the channels no longer divide by 4 or the image's height would be passed.
        assertEquals(new ImageShape(6, 4, 2), LatentGrid.unsqueezed(new LatentGrid.Panel(values, shape), 28).shape());
        assertEquals(shape, LatentGrid.unsqueezed(new LatentGrid.Panel(values, shape), 5).shape());
    }

    @Test
    void aRowIsTheImageThenEachLevelScaledToItsHeight() {
        ImageShape image = new ImageShape(4, 4, 1);
        float[] x = new float[16];
        for (int i = 0; i < 16; i++) x[i] = i / 15f;
        // One level of 2x2x1 latents: z = -3 (black), 3 (white), 0 (grey), 6 (clipped to white).
        LatentGrid.Panel z = new LatentGrid.Panel(new float[] {-3, 3, 0, 6}, new ImageShape(2, 2, 1));
        BufferedImage grid = LatentGrid.render(List.of(x), image, List.of(List.of(z)));
        // Borders of 3; the image 4 wide; the latent scaled 2x to the image's 4 rows.
        assertEquals(3 + 4 + 3 + 4 + 3, grid.getWidth());
        assertEquals(3 + 4 + 3, grid.getHeight());
        assertEquals(0, grid.getRGB(3, 3) & 0xFF);
        assertEquals(255, grid.getRGB(3 + 3, 3 + 3) & 0xFF);
        int left = 3 + 4 + 3;
        assertEquals(0, grid.getRGB(left, 3) & 0xFF);
        assertEquals(0, grid.getRGB(left + 1, 3 + 1) & 0xFF);
        assertEquals(255, grid.getRGB(left + 2, 3) & 0xFF);
        assertEquals(128, grid.getRGB(left, 3 + 2) & 0xFF);
        assertEquals(255, grid.getRGB(left + 3, 3 + 3) & 0xFF);
    }
}
