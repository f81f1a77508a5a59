package org.oodrunner.framework.data.transform;

import org.oodrunner.framework.data.ImageShape;

/** One load-time operation on an 8-bit image stored row-major, channels last (HWC). */
public interface ImageOp {
    /**
     * The shape of the result for an input of shape {@code in}.
     *
     * @throws PreprocessException when the operation cannot apply to such images
     */
    ImageShape outputShape(ImageShape in);

    /** The transformed image; {@code image} has shape {@code in} and is not modified. */
    byte[] apply(byte[] image, ImageShape in);
}
