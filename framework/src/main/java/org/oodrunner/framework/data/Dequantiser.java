package org.oodrunner.framework.data;

import java.nio.ByteOrder;

/**
 * Writes an 8-bit image into a float batch as {@code x = ((level << 16) | k) * 2^-(16 + bits)}:
 * the level of each byte with 16 bits of uniform noise k below it, or the bin centre
 * ({@code k = 0x8000}) without noise. The noise of value j of an image is bits
 * {@code 16 (j mod 4)} and up of {@code SplitMix64(key + (j / 4 + 1) * golden)}: a counter-based
 * stream, so every implementation gives the same floats and any stretch of an image can be
 * computed on its own.
 *
 * <p>Two implementations, bit-identical: {@link ScalarDequantiser}, and a
 * {@code VectorDequantiser} on the incubating Vector API that is about three times faster and
 * is used when the JVM was started with {@code --add-modules jdk.incubator.vector} on a machine
 * with 512-bit vectors (the only width it was measured on; see docs/benchmarks.md).
 */
interface Dequantiser {
    void toFloats(byte[] src, float[] dst, int offset, long noiseKey);

    /** Short name for logs and benchmarks. */
    String kind();

    /** The fastest implementation this JVM and machine can run, for {@code bits} per value. */
    static Dequantiser fastest(int bits, boolean noise) {
        Dequantiser scalar = new ScalarDequantiser(bits, noise);
        if (!VectorModule.usable()) return scalar;
        try {
            return (Dequantiser) Class.forName("org.oodrunner.framework.data.VectorDequantiser")
                    .getDeclaredConstructor(int.class, boolean.class).newInstance(bits, noise);
        } catch (ReflectiveOperationException | LinkageError e) {
            return scalar;
        }
    }

    /**
     * Whether the Vector API module is in this JVM and the machine has what the vector kernel
     * was measured on. A property of the JVM, probed once (every Preprocessing asks).
     */
    final class VectorModule {
        private static final boolean USABLE = ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent()
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN && preferredBits() >= 512;

        private VectorModule() {}

        static boolean usable() {
            return USABLE;
        }

        /** Loaded only once the module is known to be present. */
        private static int preferredBits() {
            try {
                Class<?> kernel = Class.forName("org.oodrunner.framework.data.VectorDequantiser");
                return (int) kernel.getDeclaredMethod("preferredBits").invoke(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return 0;
            }
        }
    }
}
