package org.oodrunner.components.models.flows;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;

/** Checks that a flow's architecture fits the images, with messages naming the spec keys to change. */
public final class FlowShapes {
    private FlowShapes() {}

    /** The image sides must survive {@code squeezes} halvings. */
    public static void requireSqueezable(String model, ImageShape image, int squeezes, String key) {
        int factor = 1 << squeezes;
        if (image.height() % factor != 0 || image.width() % factor != 0) {
            int most = 0;
            while (image.height() % (2 << most) == 0 && image.width() % (2 << most) == 0) most++;
            throw new RunFailedException(model + ": " + key + " needs " + squeezes + " squeeze(s), so image sides divisible by "
                    + factor + ", but the images are " + image + "; lower it to at most " + most + " squeeze(s)");
        }
    }
}
