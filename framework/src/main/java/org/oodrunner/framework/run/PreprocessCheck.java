package org.oodrunner.framework.run;

import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.transform.ImagePipeline;
import org.oodrunner.framework.data.transform.PreprocessException;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.spec.model.PreprocessSpec;

/**
 * Checks {@code data.preprocess} against the datasets' declared shapes before anything is
 * loaded: every step must apply to every set, and every set must come out with the training
 * set's shape. A pair that does not is refused at the dataset's place in the spec, naming
 * both shapes and the preprocessing that would make them agree.
 */
final class PreprocessCheck {
    private static final String AT = "/data/preprocess";

    private PreprocessCheck() {}

    /** @return the shape every image has after load-time preprocessing */
    static ImageShape check(PreprocessSpec pre, PlannedDataset train, List<PlannedDataset> evaluation, SourceMap src) {
        ImagePipeline pipeline;
        try {
            pipeline = ImagePipeline.of(pre);
        } catch (PreprocessException e) {
            throw new SpecError(src.value(AT + "/" + e.field()), e.getMessage());
        }
        ImageShape shape = outputShape(pipeline, train, src);
        for (PlannedDataset d : evaluation) {
            ImageShape other = outputShape(pipeline, d, src);
            if (!other.equals(shape)) {
                throw new SpecError(src.value(d.pointer()), d.label() + " has " + describe(d, other, pre)
                        + " but the training set " + train.label() + " has " + describe(train, shape, pre)
                        + "; every set of a run must have one shape: " + suggestion(pre, shape, other));
            }
        }
        checkTransform(pre, shape, src);
        return shape;
    }

    private static ImageShape outputShape(ImagePipeline pipeline, PlannedDataset d, SourceMap src) {
        ImageShape raw;
        try {
            raw = d.source().shape();
        } catch (SpecError e) {
            throw e;
        } catch (BadInputException e) {
            throw new SpecError(src.value(d.pointer()), e.getMessage(), e);
        }
        try {
            return pipeline.outputShape(raw);
        } catch (PreprocessException e) {
            throw new SpecError(src.value(AT + "/" + e.field()), d.label() + ": " + e.getMessage());
        }
    }

    /** "28x28x1 images" or "28x28x1 images (32x32x1 after data.preprocess)". */
    private static String describe(PlannedDataset d, ImageShape after, PreprocessSpec pre) {
        ImageShape raw = d.source().shape();
        return raw + " images" + (raw.equals(after) ? "" : " (" + after + " after data.preprocess)");
    }

    /** The geometric keys that give {@code other} the training shape, merged into the ones the spec has. */
    private static String suggestion(PreprocessSpec pre, ImageShape target, ImageShape other) {
        List<String> keys = new ArrayList<>();
        if (pre.centerCrop() != null) keys.add("center_crop: " + pre.centerCrop());
        boolean sizeDiffers = other.height() != target.height() || other.width() != target.width();
        Integer resize = pre.resize();
        String hint = "";
        if (sizeDiffers && resize == null) {
            int side = Math.min(target.height(), target.width()) - 2 * pre.pad();
            resize = Math.max(1, side);
            if (target.height() != target.width()) hint = " (resize makes every set square, the training set too)";
        }
        if (resize != null) keys.add("resize: " + resize);
        if (pre.resizeMethod() != PreprocessSpec.ResizeMethod.BILINEAR) keys.add("resize_method: " + name(pre.resizeMethod()));
        if (pre.pad() > 0) keys.add("pad: " + pre.pad());
        Integer channels = pre.channels();
        if (other.channels() != target.channels() && channels == null) channels = target.channels();
        if (channels != null) keys.add("channels: " + channels);
        return "add `data.preprocess: {" + String.join(", ", keys) + "}`" + hint;
    }

    private static void checkTransform(PreprocessSpec pre, ImageShape shape, SourceMap src) {
        if (pre.transform() == PreprocessSpec.InputTransformKind.LOGIT && !(pre.logitAlpha() < 0.5)) {
            throw new SpecError(src.value(AT + "/logit_alpha"), "logit_alpha must be below 0.5 (at 0.5 every image maps to 0)");
        }
        checkPerChannel(pre.mean(), "mean", shape, src);
        checkPerChannel(pre.std(), "std", shape, src);
        if (pre.std() != null) {
            for (int c = 0; c < pre.std().size(); c++) {
                if (!(pre.std().get(c) > 0)) {
                    throw new SpecError(src.value(AT + "/std/" + c), "std must be positive, not " + pre.std().get(c));
                }
            }
        }
        if ((pre.mean() != null || pre.std() != null) && pre.transform() != PreprocessSpec.InputTransformKind.NORMALIZE) {
            String key = pre.mean() != null ? "mean" : "std";
            throw new SpecError(src.value(AT + "/" + key), key + " is only used by `transform: normalize`; "
                    + "set it, or remove " + key);
        }
    }

    private static void checkPerChannel(List<Double> values, String key, ImageShape shape, SourceMap src) {
        if (values != null && values.size() != shape.channels()) {
            throw new SpecError(src.value(AT + "/" + key), key + " has " + values.size() + " values but the images have "
                    + shape.channels() + " channel(s) after preprocessing; give one per channel");
        }
    }

    private static String name(Enum<?> e) {
        return e.name().toLowerCase(java.util.Locale.ROOT);
    }
}
