package org.oodrunner.components.datasets.npy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/** Writes .npy arrays byte for byte as NumPy does, for fixtures. */
public final class NpyWriter {
    private NpyWriter() {}

    /** A version-1.0 .npy as NumPy writes it: magic, version, header padded with spaces to a multiple of 64, data. */
    public static byte[] npy(String descr, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - total) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.ISO_8859_1));
        b.put(data);
        return b.array();
    }

    public static byte[] int64s(long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) b.putLong(v);
        return b.array();
    }

}
