package org.oodrunner.framework.data.fetch;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Downloads one published file into a folder, safely:
 * <ul>
 *   <li>bytes go to {@code <name>.part}; an interrupted download keeps it and the next call
 *       resumes with an HTTP range request (or starts over when the server ignores ranges);
 *   <li>the SHA-256 is computed while writing and compared with the published one; a file
 *       that does not match is deleted and never reaches its final name;
 *   <li>only a verified file is moved (atomically) to its final name.
 * </ul>
 */
public final class Downloader {
    private static final int MAX_REDIRECTS = 5;
    private static final long PROGRESS_EVERY_NANOS = 250_000_000L;

    private final VerifiedFiles verified;
    private final DownloadListener listener;
    private final Duration connectTimeout;
    private final Duration readTimeout;

    public Downloader(VerifiedFiles verified, DownloadListener listener) {
        this(verified, listener, Duration.ofSeconds(30), Duration.ofSeconds(60));
    }

    public Downloader(VerifiedFiles verified, DownloadListener listener, Duration connectTimeout, Duration readTimeout) {
        this.verified = verified;
        this.listener = listener;
        this.connectTimeout = connectTimeout;
        this.readTimeout = readTimeout;
    }

    /** Where the bytes of an unfinished download of {@code target} wait. */
    public static Path partial(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /**
     * Downloads {@code file} to {@code target} unless it is already there and verified.
     *
     * @throws RunFailedException naming the file and what to do: unreachable, interrupted
     *     (run again to resume), or wrong content (deleted, nothing kept)
     */
    public void fetch(RemoteFile file, Path target) {
        if (!file.downloadable()) throw new IllegalArgumentException(file.name() + " has no download address");
        try {
            Files.createDirectories(target.toAbsolutePath().getParent());
            Path part = partial(target);
            long have = Files.isRegularFile(part) ? Files.size(part) : 0;
            if (file.size() >= 0 && have > file.size()) {
                Files.delete(part);
                have = 0;
            }
            MessageDigest md = Sha256.digest();
            if (have > 0) Sha256.update(md, part);
            if (file.size() < 0 || have < file.size()) {
                have = transfer(file, part, have, md);
            }
            String sha = Sha256.hex(md);
            if ((file.size() >= 0 && have != file.size()) || (file.sha256() != null && !file.sha256().equals(sha))) {
                Files.deleteIfExists(part);
                throw new RunFailedException(file.name() + " from " + file.url() + " is not the published file: "
                        + have + " bytes with SHA-256 " + sha + ", expected " + file.size() + " bytes with SHA-256 "
                        + file.sha256() + "; it was deleted and nothing was kept. Run the command again; if it fails "
                        + "the same way, the server now serves other content: download it yourself and place it at " + target);
            }
            Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            if (file.sha256() != null) verified.record(target, sha);
            listener.finished(file);
        } catch (IOException e) {
            throw new RunFailedException("cannot write " + target + " (" + e.getMessage() + ")", e);
        }
    }

    /** Appends the rest of the file to {@code part}; returns its length when done. */
    private long transfer(RemoteFile file, Path part, long have, MessageDigest md) throws IOException {
        HttpURLConnection http = open(file, have);
        try {
            int code = http.getResponseCode();
            boolean resumed = have > 0 && code == HttpURLConnection.HTTP_PARTIAL && startsAt(http, have);
            if (code == 416 && have > 0) {
                // Our partial file is as long as the server's: nothing left to fetch; verification decides.
                return have;
            }
            if (code != HttpURLConnection.HTTP_OK && !resumed) {
                throw new RunFailedException("cannot download " + file.name() + " from " + file.url() + ": the server answered HTTP "
                        + code + (http.getResponseMessage() == null ? "" : " " + http.getResponseMessage()));
            }
            if (!resumed && have > 0) {
                // The server ignored the range request: start over.
                have = 0;
                md.reset();
            }
            long length = http.getContentLengthLong();
            long total = length < 0 ? file.size() : have + length;
            if (file.size() >= 0 && length >= 0 && have + length != file.size()) {
                throw new RunFailedException("cannot download " + file.name() + " from " + file.url() + ": the server sends "
                        + (have + length) + " bytes where the published file has " + file.size()
                        + " (a login or error page?); nothing was kept");
            }
            listener.started(file, have);
            long done = have;
            StandardOpenOption mode = have > 0 ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
            try (InputStream in = http.getInputStream();
                    OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode)) {
                byte[] buf = new byte[1 << 16];
                long lastReport = System.nanoTime();
                int n;
                while ((n = in.read(buf)) > 0) {
                    out.write(buf, 0, n);
                    md.update(buf, 0, n);
                    done += n;
                    if (file.size() >= 0 && done > file.size()) {
                        out.close();
                        Files.deleteIfExists(part);
                        throw new RunFailedException("cannot download " + file.name() + " from " + file.url()
                                + ": the server sent more than the published " + file.size() + " bytes; nothing was kept");
                    }
                    if (System.nanoTime() - lastReport > PROGRESS_EVERY_NANOS) {
                        listener.progress(file, done, total);
                        lastReport = System.nanoTime();
                    }
                }
            } catch (IOException e) {
                throw interrupted(file, part, e);
            }
            listener.progress(file, done, total);
            if (total >= 0 && done < total) {
                throw interrupted(file, part, new IOException("the connection closed early"));
            }
            return done;
        } finally {
            http.disconnect();
        }
    }

    private RunFailedException interrupted(RemoteFile file, Path part, IOException cause) {
        long kept = -1;
        try {
            kept = Files.size(part);
        } catch (IOException ignored) {
            // the message then omits the count
        }
        return new RunFailedException("the download of " + file.name() + " from " + file.url() + " was interrupted"
                + (kept >= 0 ? " after " + kept + (file.size() >= 0 ? " of " + file.size() : "") + " bytes" : "")
                + " (" + cause.getMessage() + "); run the same command again to resume", cause);
    }

    private HttpURLConnection open(RemoteFile file, long from) throws IOException {
        URI uri = file.url();
        for (int hop = 0; hop <= MAX_REDIRECTS; hop++) {
            HttpURLConnection http;
            try {
                URL url = uri.toURL();
                http = (HttpURLConnection) url.openConnection();
            } catch (IllegalArgumentException | ClassCastException e) {
                throw new RunFailedException("cannot download " + file.name() + ": " + uri + " is not an http(s) address");
            }
            http.setConnectTimeout((int) connectTimeout.toMillis());
            http.setReadTimeout((int) readTimeout.toMillis());
            // Redirects are followed here, also from http to https, which HttpURLConnection will not do.
            http.setInstanceFollowRedirects(false);
            http.setRequestProperty("User-Agent", "ood-runner");
            http.setRequestProperty("Accept-Encoding", "identity");
            if (from > 0) http.setRequestProperty("Range", "bytes=" + from + "-");
            int code;
            try {
                code = http.getResponseCode();
            } catch (IOException e) {
                http.disconnect();
                throw new RunFailedException("cannot download " + file.name() + " from " + uri + " (" + describe(e) + ")", e);
            }
            if (code / 100 != 3) return http;
            String location = http.getHeaderField("Location");
            http.disconnect();
            if (location == null) {
                throw new RunFailedException("cannot download " + file.name() + ": " + uri + " redirects nowhere (HTTP " + code + ")");
            }
            uri = uri.resolve(location);
        }
        throw new RunFailedException("cannot download " + file.name() + ": more than " + MAX_REDIRECTS + " redirects from " + file.url());
    }

    private static boolean startsAt(HttpURLConnection http, long from) {
        String range = http.getHeaderField("Content-Range");
        return range != null && range.trim().startsWith("bytes " + from + "-");
    }

    private static String describe(IOException e) {
        String type = e.getClass().getSimpleName();
        return e.getMessage() == null ? type : type + ": " + e.getMessage();
    }
}
