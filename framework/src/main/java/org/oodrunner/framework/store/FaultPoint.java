package org.oodrunner.framework.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Named places where the fault-injection tests stop a real process ({@code train.step},
 * {@code checkpoint.start}, {@code checkpoint.write}, {@code checkpoint.index}, {@code export},
 * {@code score}, {@code report}): when the system property
 * {@code oodrunner.faults.pause} is {@code <point>@<key>} (say {@code checkpoint.write@16}: the
 * checkpoint of step 16, between TensorFlow's write and the rename), the process creates the
 * file named by {@code oodrunner.faults.marker} on reaching it and waits until that file is
 * deleted; the test meanwhile kills it with {@code kill -9}, fills its disk, or lets it go on.
 * Without the property, as in every real run, {@link #reach} compares two strings.
 */
public final class FaultPoint {
    private static final String PAUSE = System.getProperty("oodrunner.faults.pause");
    private static final String MARKER = System.getProperty("oodrunner.faults.marker");

    private FaultPoint() {}

    /** Passes the point {@code point} for {@code key} (a step, a set's name). */
    public static void reach(String point, Object key) {
        if (PAUSE == null || MARKER == null || !PAUSE.equals(point + "@" + key)) return;
        Path marker = Path.of(MARKER);
        try {
            Files.writeString(marker, point + "@" + key + "\n");
            while (Files.exists(marker)) Thread.sleep(20);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write the fault marker " + marker, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
