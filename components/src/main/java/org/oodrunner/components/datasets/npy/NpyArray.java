package org.oodrunner.components.datasets.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One array of a NumPy {@code .npy} file: its element type ({@code descr}, e.g. {@code |u1},
 * {@code <i8}), shape, memory order and raw data bytes.
 */
public record NpyArray(String descr, boolean fortranOrder, long[] shape, byte[] data) {
    /** Number of elements (the product of the shape; 1 for a scalar). */
    public long size() {
        long n = 1;
        for (long d : shape) n *= d;
        return n;
    }

    /** Bytes per element, from the descriptor ({@code <i8} -> 8). */
    public static int itemSize(String descr) {
        return Integer.parseInt(descr.substring(2));
    }

    /** The data as unsigned bytes; only for {@code |u1} (and {@code |i1}, reinterpreted) arrays. */
    public byte[] bytes(String where) {
        if (!descr.equals("|u1") && !descr.equals("|i1") && !descr.equals("<u1") && !descr.equals(">u1")) {
            throw new IllegalArgumentException(where + " holds " + descr + " values, not unsigned bytes");
        }
        return data;
    }

    /** The values as ints, whatever the integer type ({@code u1}, {@code i2}, {@code i4}, {@code i8}, ...). */
    public int[] ints(String where) {
        char kind = descr.charAt(1);
        if (kind != 'i' && kind != 'u' && kind != 'b') {
            throw new IllegalArgumentException(where + " holds " + descr + " values, not integers");
        }
        int size = itemSize(descr);
        ByteBuffer buf = ByteBuffer.wrap(data).order(descr.charAt(0) == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int n = (int) size();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            long v = switch (size) {
                case 1 -> kind == 'i' ? buf.get(i) : buf.get(i) & 0xFF;
                case 2 -> kind == 'i' ? buf.getShort(2 * i) : buf.getShort(2 * i) & 0xFFFF;
                case 4 -> kind == 'i' ? buf.getInt(4 * i) : buf.getInt(4 * i) & 0xFFFFFFFFL;
                case 8 -> buf.getLong(8 * i);
                default -> throw new IllegalArgumentException(where + ": unsupported integer size " + size);
            };
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException(where + ": value " + v + " at index " + i + " does not fit an int");
            }
            out[i] = (int) v;
        }
        return out;
    }

    @Override
    public String toString() {
        return "NpyArray[" + descr + ", shape " + Arrays.toString(shape) + (fortranOrder ? ", Fortran order" : "") + "]";
    }
}
