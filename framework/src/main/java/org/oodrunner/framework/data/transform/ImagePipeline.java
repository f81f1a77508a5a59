package org.oodrunner.framework.data.transform;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/**
 * The load-time part of a run's preprocessing, applied to every image of every dataset as it
 * is read: centre crop, resize, pad, channel conversion, bit depth (in that order). Because it
 * runs on 8-bit images once, the sets stay 8-bit in memory and every later consumer (batches,
 * scorers that compress pixels) sees the same prepared images.
 */
public final class ImagePipeline {
    private final List<ImageOp> ops;

    private ImagePipeline(List<ImageOp> ops) {
        this.ops = List.copyOf(ops);
    }

    public static ImagePipeline of(PreprocessSpec spec) {
        List<ImageOp> ops = new ArrayList<>();
        if (spec.centerCrop() != null) ops.add(new CenterCrop(spec.centerCrop()));
        if (spec.resize() != null) ops.add(new Resize(spec.resize(), spec.resizeMethod()));
        if (spec.pad() > 0) ops.add(new Pad(spec.pad()));
        if (spec.channels() != null) ops.add(new ChannelConversion(spec.channels()));
        if (spec.bits() < 8) ops.add(new BitDepth(spec.bits()));
        return new ImagePipeline(ops);
    }

    /** Keeps images as they are. */
    public static ImagePipeline identity() {
        return new ImagePipeline(List.of());
    }

    public boolean isIdentity() {
        return ops.isEmpty();
    }

    /**
     * The shape images of shape {@code in} have after the pipeline.
     *
     * @throws PreprocessException naming the step that cannot apply
     */
    public ImageShape outputShape(ImageShape in) {
        ImageShape s = in;
        for (ImageOp op : ops) s = op.outputShape(s);
        return s;
    }

    /** One image through every step; returns {@code image} itself when nothing changes it. */
    public byte[] apply(byte[] image, ImageShape in) {
        byte[] x = image;
        ImageShape s = in;
        for (ImageOp op : ops) {
            x = op.apply(x, s);
            s = op.outputShape(s);
        }
        return x;
    }
}
