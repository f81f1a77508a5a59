package org.oodrunner.framework.tf;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Bulk copies between Java arrays and tensors (one memcpy, never per element). */
public final class TensorIO {
    private TensorIO() {}

    /** A new tensor holding {@code data}; the caller closes it. */
    public static TFloat32 floats(float[] data, long... shape) {
        return TFloat32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
    }

    public static TInt32 ints(int[] data, long... shape) {
        return TInt32.tensorOf(Shape.of(shape), DataBuffers.of(data, true, false));
    }

    public static TFloat32 scalar(float value) {
        return TFloat32.scalarOf(value);
    }

    /** All values of a float tensor, row-major. */
    public static float[] toFloats(Tensor tensor) {
        TFloat32 t = (TFloat32) tensor;
        long size = t.shape().size();
        float[] out = new float[(int) size];
        t.copyTo(DataBuffers.of(out, false, false));
        return out;
    }

    /** The single value of a scalar float tensor. */
    public static float toScalar(Tensor tensor) {
        return ((TFloat32) tensor).getFloat();
    }
}
