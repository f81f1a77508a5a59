package org.oodrunner.components.datasets.npy;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Reads the arrays of a NumPy {@code .npz} file: a zip archive of {@code <name>.npy} entries,
 * stored or deflated ({@code np.savez} / {@code np.savez_compressed}). Streams the archive, so
 * an {@code .npz} inside another zip needs no temporary file.
 */
public final class NpzArchive {
    private NpzArchive() {}

    /**
     * The arrays named in {@code wanted} (all arrays when it is null), by name without {@code .npy}.
     *
     * @param where the .npz file, for messages
     * @throws IOException naming {@code where!<entry>} when an entry is damaged or truncated
     */
    public static Map<String, NpyArray> read(InputStream in, String where, Set<String> wanted) throws IOException {
        Map<String, NpyArray> out = new LinkedHashMap<>();
        try (ZipInputStream zip = new ZipInputStream(in)) {
            ZipEntry e;
            while ((e = zip.getNextEntry()) != null) {
                String entry = e.getName();
                if (e.isDirectory() || !entry.endsWith(".npy")) continue;
                String name = entry.substring(0, entry.length() - 4);
                if (wanted != null && !wanted.contains(name)) continue;
                try {
                    out.put(name, NpyFormat.read(zip, where + "!" + entry));
                } catch (java.util.zip.ZipException z) {
                    throw new IOException(where + "!" + entry + ": damaged compressed data (" + z.getMessage() + ")", z);
                } catch (java.io.EOFException eof) {
                    throw new IOException(eof.getMessage() != null && eof.getMessage().startsWith(where) ? eof.getMessage()
                            : where + "!" + entry + ": truncated (" + eof.getMessage() + ")", eof);
                }
            }
        } catch (java.util.zip.ZipException z) {
            throw new IOException(where + ": not a readable .npz (zip) archive (" + z.getMessage() + ")", z);
        }
        if (wanted != null) {
            for (String w : wanted) {
                if (!out.containsKey(w)) {
                    throw new IOException(where + ": has no array '" + w + "'" + (out.isEmpty() ? " (is it truncated?)" : ""));
                }
            }
        }
        return out;
    }
}
