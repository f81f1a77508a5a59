package org.oodrunner.framework.data.fetch;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * One file of a dataset as its publisher distributes it.
 *
 * @param name the file name in the dataset's folder
 * @param size its length in bytes, or -1 when unknown
 * @param sha256 its SHA-256 in hex, or null when no checksum is published (then it is never
 *     called verified)
 * @param url where {@code runner data fetch} downloads it from, or null when it cannot be
 *     downloaded automatically (a login, a package manager)
 */
public record RemoteFile(String name, long size, String sha256, URI url) {
    public RemoteFile {
        Objects.requireNonNull(name);
        sha256 = sha256 == null ? null : sha256.toLowerCase(Locale.ROOT);
        if (sha256 != null && !sha256.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("bad SHA-256 " + sha256);
    }

    public static RemoteFile download(String url, long size, String sha256) {
        URI uri = URI.create(url);
        String path = uri.getPath();
        return new RemoteFile(path.substring(path.lastIndexOf('/') + 1), size, sha256, uri);
    }

    public boolean downloadable() {
        return url != null;
    }
}
