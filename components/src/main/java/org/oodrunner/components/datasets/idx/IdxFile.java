package org.oodrunner.components.datasets.idx;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PushbackInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Reads IDX files (the MNIST format): a big-endian header {@code 0x0000 <type> <rank>}, one
 * int32 per dimension, then the values row-major. Gzip-compressed or plain, detected by the
 * gzip magic bytes. Only unsigned-byte data (type 0x08) is used by image datasets.
 */
public final class IdxFile {
    private static final int UBYTE = 0x08;
    private static final int CHUNK = 4096;

    /** The dimensions and the raw bytes of an unsigned-byte IDX file. */
    public record Contents(int[] dims, byte[] data) {}

    private IdxFile() {}

    public static Contents read(Path file, int expectedRank) {
        return read(file, expectedRank, "download it again");
    }

    /**
     * Reads an unsigned-byte IDX file of rank {@code expectedRank}.
     *
     * @param getAgain what to do to get the file again, said when it is cut short or corrupt
     *     (e.g. "get it again with `runner data fetch mnist/train`")
     */
    public static Contents read(Path file, int expectedRank, String getAgain) {
        try (InputStream raw = Files.newInputStream(file);
                DataInputStream in = new DataInputStream(new BufferedInputStream(maybeGunzip(raw), 1 << 16))) {
            int magic;
            try {
                magic = in.readInt();
            } catch (EOFException e) {
                throw corrupt(file, "it is empty or shorter than its 4-byte header");
            }
            if ((magic >>> 16) != 0 || ((magic >>> 8) & 0xFF) != UBYTE) {
                throw corrupt(file, String.format("bad magic number 0x%08X (expected 0x0000080%d for unsigned bytes of rank %d)",
                        magic, expectedRank, expectedRank));
            }
            int rank = magic & 0xFF;
            if (rank != expectedRank) {
                throw corrupt(file, "rank " + rank + " where " + expectedRank + " was expected");
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int i = 0; i < rank; i++) {
                dims[i] = in.readInt();
                if (dims[i] <= 0) throw corrupt(file, "dimension " + i + " is " + dims[i]);
                total *= dims[i];
            }
            if (total > Integer.MAX_VALUE - 16) throw corrupt(file, "declares " + total + " values, too many");
            byte[] data = new byte[(int) total];
            long perRecord = total / dims[0];
            String records = rank == 1 ? "labels" : rank == 3 ? "images" : "records";
            int off = 0;
            while (off < data.length) {
                int n;
                try {
                    // small reads, so a stream cut short has delivered all it could before it fails
                    n = in.read(data, off, Math.min(CHUNK, data.length - off));
                } catch (EOFException cutShort) {
                    // GZIPInputStream reports a compressed stream cut short this way
                    throw corrupt(file, "the compressed stream ended after " + off / perRecord + " of " + dims[0] + " "
                            + records + " (" + off + " of " + total + " bytes of data; the file is cut short, a partial "
                            + "download?); " + getAgain);
                } catch (java.util.zip.ZipException broken) {
                    throw corrupt(file, "the compressed data is corrupt after " + off / perRecord + " of " + dims[0] + " "
                            + records + " (" + broken.getMessage() + "); " + getAgain);
                }
                if (n < 0) {
                    long header = 4 + 4L * rank;
                    throw corrupt(file, "it ends after " + off / perRecord + " of " + dims[0] + " " + records
                            + " (byte " + (header + off) + " of " + (header + total) + "; the file is cut short); "
                            + getAgain);
                }
                off += n;
            }
            return new Contents(dims, data);
        } catch (EOFException e) {
            throw corrupt(file, "truncated inside its header; " + getAgain);
        } catch (java.util.zip.ZipException e) {
            throw corrupt(file, "broken gzip data (" + e.getMessage() + "); " + getAgain);
        } catch (IOException e) {
            throw new RunFailedException(file + ": cannot read (" + e.getMessage() + ")", e);
        }
    }

    private static InputStream maybeGunzip(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 2);
        int b1 = in.read();
        int b2 = in.read();
        if (b2 >= 0) in.unread(b2);
        if (b1 >= 0) in.unread(b1);
        return b1 == 0x1F && b2 == 0x8B ? new GZIPInputStream(in, 1 << 16) : in;
    }

    private static RunFailedException corrupt(Path file, String what) {
        return new RunFailedException(file + ": not a valid IDX file: " + what);
    }
}
