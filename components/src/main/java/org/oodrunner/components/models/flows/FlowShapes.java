package org.oodrunner.components.models.flows;

import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.errors.RunFailedException;

/** Checks that a flow's architecture fits the images, with messages naming the spec keys to change. */
public final class FlowShapes {
    private FlowShapes() {}

    /**
     * The image sides must survive {@code squeezes} halvings.
     *
     * @param setting the spec setting that asks for them ({@code levels: 3})
     * @param fix what to change instead
     */
    public static void requireSqueezable(String model, ImageShape image, int squeezes, String setting, String fix) {
        int factor = 1 << squeezes;
        if (image.height() % factor == 0 && image.width() % factor == 0) return;
        int most = 0;
        while (image.height() % (2 << most) == 0 && image.width() % (2 << most) == 0) most++;
        throw new RunFailedException(model + ": " + setting + " squeezes the images " + squeezes + " times, so their sides must "
                + "be divisible by " + factor + ", but they are " + image + " (at most " + most + " squeezes); " + fix);
    }
}
