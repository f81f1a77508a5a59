package org.oodrunner.components.datasets.npy;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the NumPy {@code .npy} format (versions 1.0, 2.0, 3.0): the magic {@code \x93NUMPY},
 * a version, a little-endian header length (2 bytes in 1.0, 4 after), a header that is a
 * Python dict literal {@code {'descr': '<i8', 'fortran_order': False, 'shape': (3, 4), }},
 * then the raw data.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern ORDER = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");
    private static final Pattern SIMPLE_TYPE = Pattern.compile("[<>|=][biu][1248]|[<>|=]f[248]");

    private NpyFormat() {}

    /**
     * Reads one array from {@code in}.
     *
     * @param where the array's file, for messages
     * @throws IOException naming {@code where} and the byte offset when the data is not .npy or ends early
     */
    public static NpyArray read(InputStream in, String where) throws IOException {
        byte[] magic = in.readNBytes(8);
        if (magic.length < 8) throw new IOException(where + ": truncated: " + magic.length + " bytes, not even the .npy preamble");
        for (int i = 0; i < MAGIC.length; i++) {
            if (magic[i] != MAGIC[i]) throw new IOException(where + ": not a .npy array (bad magic bytes at offset 0)");
        }
        int major = magic[6];
        int lengthBytes = major == 1 ? 2 : 4;
        if (major < 1 || major > 3) throw new IOException(where + ": unsupported .npy version " + major + "." + magic[7]);
        byte[] len = in.readNBytes(lengthBytes);
        if (len.length < lengthBytes) throw new IOException(where + ": truncated in the header length at offset 8");
        long headerLength = 0;
        for (int i = lengthBytes - 1; i >= 0; i--) headerLength = (headerLength << 8) | (len[i] & 0xFF);
        if (headerLength > 1 << 20) throw new IOException(where + ": implausible header length " + headerLength);
        byte[] header = in.readNBytes((int) headerLength);
        long dataOffset = 8L + lengthBytes + headerLength;
        if (header.length < headerLength) throw new IOException(where + ": truncated inside the header (offset " + (8 + lengthBytes + header.length) + ")");
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        String descr = group(DESCR, text, where, "descr");
        if (!SIMPLE_TYPE.matcher(descr).matches()) {
            throw new IOException(where + ": element type '" + descr + "' is not a plain number type");
        }
        boolean fortran = group(ORDER, text, where, "fortran_order").equals("True");
        long[] shape = shape(group(SHAPE, text, where, "shape"), where);
        long count = 1;
        for (long d : shape) count *= d;
        long bytes = count * NpyArray.itemSize(descr);
        if (bytes > Integer.MAX_VALUE - 16) throw new IOException(where + ": " + bytes + " bytes of data is too large for one array");
        byte[] data = new byte[(int) bytes];
        int off = 0;
        while (off < data.length) {
            int n = in.read(data, off, data.length - off);
            if (n < 0) {
                throw new EOFException(where + ": truncated at byte offset " + (dataOffset + off) + ": the data should end at "
                        + (dataOffset + bytes));
            }
            off += n;
        }
        return new NpyArray(descr, fortran, shape, data);
    }

    private static String group(Pattern p, String text, String where, String key) throws IOException {
        Matcher m = p.matcher(text);
        if (!m.find()) throw new IOException(where + ": the .npy header has no '" + key + "': " + text.trim());
        return m.group(1);
    }

    private static long[] shape(String tuple, String where) throws IOException {
        List<Long> dims = new ArrayList<>();
        for (String part : tuple.split(",")) {
            String t = part.trim();
            if (t.isEmpty()) continue;
            if (t.endsWith("L")) t = t.substring(0, t.length() - 1);
            try {
                long d = Long.parseLong(t);
                if (d < 0) throw new NumberFormatException();
                dims.add(d);
            } catch (NumberFormatException e) {
                throw new IOException(where + ": bad shape (" + tuple + ") in the .npy header");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }
}
