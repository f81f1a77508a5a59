package org.oodrunner.framework.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 digests of files and streams, in lower-case hex. */
public final class Sha256 {
    private Sha256() {}

    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    public static String of(Path file) throws IOException {
        MessageDigest md = digest();
        update(md, file);
        return hex(md);
    }

    /** Feeds the whole file to {@code md}. */
    public static void update(MessageDigest md, Path file) throws IOException {
        byte[] buf = new byte[1 << 16];
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buf)) > 0) md.update(buf, 0, n);
        }
    }

    public static String hex(MessageDigest md) {
        return HexFormat.of().formatHex(md.digest());
    }
}
