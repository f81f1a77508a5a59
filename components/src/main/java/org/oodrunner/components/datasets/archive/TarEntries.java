package org.oodrunner.components.datasets.archive;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Walks the regular files of a tar stream (POSIX ustar, with GNU long names and pax path
 * records): enough for the dataset archives (npm tarballs, CIFAR, notMNIST).
 */
public final class TarEntries {
    /** Receives each regular file; return false to stop the walk. */
    public interface Visitor {
        boolean visit(String name, byte[] content) throws IOException;
    }

    /** Chooses the entries whose content is read; the others are skipped unread. */
    public interface Filter {
        boolean wants(String name);
    }

    private TarEntries() {}

    public static void forEach(InputStream in, Visitor visitor) throws IOException {
        forEach(in, name -> true, visitor);
    }

    /**
     * @throws IOException with the entry's name when the stream ends inside an entry (a
     *     truncated archive)
     */
    public static void forEach(InputStream in, Filter filter, Visitor visitor) throws IOException {
        byte[] header = new byte[512];
        String longName = null;
        while (true) {
            int got = in.readNBytes(header, 0, 512);
            if (got == 0) return;
            if (got < 512) throw new IOException("the archive ends inside a tar header (truncated)");
            if (isZero(header)) return;
            String name = field(header, 0, 100);
            String prefix = field(header, 345, 155);
            if (!prefix.isEmpty()) name = prefix + "/" + name;
            if (longName != null) {
                name = longName;
                longName = null;
            }
            String sizeField = field(header, 124, 12).trim();
            long size;
            try {
                size = sizeField.isEmpty() ? 0 : Long.parseLong(sizeField, 8);
            } catch (NumberFormatException e) {
                throw new IOException("damaged tar header before " + name + " (size field '" + sizeField + "')");
            }
            char type = (char) header[156];
            boolean regular = type == '0' || type == 0;
            boolean meta = type == 'L' || type == 'x';
            if (size > Integer.MAX_VALUE) throw new IOException("tar entry " + name + " is too large");
            long pad = (512 - size % 512) % 512;
            if (regular && filter.wants(name) || meta) {
                byte[] content = in.readNBytes((int) size);
                if (content.length < size) {
                    throw new IOException("the archive ends inside " + name + " (" + content.length + " of " + size
                            + " bytes): it is truncated");
                }
                skip(in, pad, name);
                if (type == 'L') {
                    longName = cString(content);
                } else if (type == 'x') {
                    longName = paxPath(content);
                } else if (!visitor.visit(name, content)) {
                    return;
                }
            } else {
                skip(in, size + pad, name);
            }
        }
    }

    private static void skip(InputStream in, long n, String name) throws IOException {
        long left = n;
        while (left > 0) {
            long s = in.skip(left);
            if (s <= 0) {
                if (in.read() < 0) throw new IOException("the archive ends inside " + name + ": it is truncated");
                s = 1;
            }
            left -= s;
        }
    }

    /** The {@code path} record of a pax extended header, if any. */
    private static String paxPath(byte[] content) {
        String text = new String(content, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) return line.substring(space + 6);
        }
        return null;
    }

    private static String cString(byte[] b) {
        int end = 0;
        while (end < b.length && b[end] != 0) end++;
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private static String field(byte[] h, int off, int len) {
        int end = off;
        while (end < off + len && h[end] != 0) end++;
        return new String(h, off, end - off, StandardCharsets.US_ASCII);
    }

    private static boolean isZero(byte[] b) {
        for (byte x : b) if (x != 0) return false;
        return true;
    }
}
