package org.oodrunner.components.datasets.synthetic;

import org.oodrunner.framework.data.ImageShape;

/** The image shape and count every synthetic set is declared with. */
interface NoiseShape {
    int height();

    int width();

    int channels();

    int count();

    default ImageShape shape() {
        return new ImageShape(height(), width(), channels());
    }
}
