package org.oodrunner.framework.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.CRC32C;

/**
 * Size and CRC32C of every file of a directory tree, recorded when it is written and checked
 * when it is read back: a truncated, bit-flipped or missing file is found before anything is
 * loaded from it. CRC32C runs at memory speed (hardware-assisted), so checking a checkpoint
 * costs far less than restoring it.
 */
public final class FileSums {
    /** One file: its length and CRC32C (8 hex digits). */
    public record Sum(long bytes, String crc32c) {}

    private FileSums() {}

    /** Every regular file under {@code dir} (relative paths with '/'), except the ones named in {@code except}. */
    public static Map<String, Sum> of(Path dir, String... except) throws IOException {
        Map<String, Sum> out = new TreeMap<>();
        List<String> skip = List.of(except);
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String name = dir.relativize(p).toString().replace('\\', '/');
                if (!skip.contains(name)) out.put(name, sum(p));
            }
        }
        return out;
    }

    public static Sum sum(Path file) throws IOException {
        CRC32C crc = new CRC32C();
        long n = 0;
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            for (int r; (r = in.read(buf)) > 0; ) {
                crc.update(buf, 0, r);
                n += r;
            }
        }
        return new Sum(n, HexFormat.of().toHexDigits((int) crc.getValue()));
    }

    /**
     * What is wrong with the files under {@code dir} compared with {@code expected}: one phrase
     * per damaged file (missing, shorter or longer than written, different content); empty
     * when all of them are as written.
     */
    public static List<String> problems(Path dir, Map<String, Sum> expected) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, Sum> e : expected.entrySet()) {
            Path file = dir.resolve(e.getKey());
            Sum want = e.getValue();
            try {
                long size = Files.size(file);
                if (size != want.bytes()) {
                    out.add(e.getKey() + " is " + size + " bytes, " + want.bytes() + " were written ("
                            + (size < want.bytes() ? "truncated" : "grown") + ")");
                    continue;
                }
                Sum got = sum(file);
                if (!got.crc32c().equals(want.crc32c())) {
                    out.add(e.getKey() + " has a checksum mismatch (CRC32C " + got.crc32c() + ", written "
                            + want.crc32c() + ")");
                }
            } catch (NoSuchFileException missing) {
                out.add(e.getKey() + " is missing");
            } catch (IOException unreadable) {
                out.add(e.getKey() + " is unreadable (" + unreadable.getMessage() + ")");
            }
        }
        return out;
    }

    /** The total size of the files. */
    public static long bytes(Map<String, Sum> sums) {
        return sums.values().stream().mapToLong(Sum::bytes).sum();
    }
}
