package org.oodrunner.framework.data.fetch;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.RunFailedException;

class DownloaderTest {
    @TempDir
    Path root;

    private FixtureServer server;
    private VerifiedFiles verified;
    private Downloader downloader;
    private final byte[] content = new byte[300_000];

    @BeforeEach
    void start() throws IOException {
        new Random(42).nextBytes(content);
        server = new FixtureServer();
        verified = new VerifiedFiles(root);
        downloader = new Downloader(verified, DownloadListener.SILENT, Duration.ofSeconds(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    private RemoteFile published(String path) throws Exception {
        return new RemoteFile("data.bin", content.length, sha256(content), server.url(path));
    }

    @Test
    void aGoodDownloadIsVerifiedMovedIntoPlaceAndRemembered() throws Exception {
        server.serve("/data.bin", content);
        Path target = root.resolve("ds/data.bin");
        downloader.fetch(published("/data.bin"), target);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertFalse(Files.exists(Downloader.partial(target)));
        assertEquals(VerifiedFiles.Status.VERIFIED, verified.check(target, published("/data.bin")).status());
        assertTrue(Files.readString(root.resolve(".verified.json")).contains(sha256(content)));
    }

    @Test
    void aCorruptedFileIsRejectedAndNothingIsKept() throws Exception {
        byte[] corrupted = content.clone();
        corrupted[1234] ^= 1;
        server.serve("/data.bin", corrupted);
        Path target = root.resolve("ds/data.bin");
        RunFailedException e = assertThrows(RunFailedException.class, () -> downloader.fetch(published("/data.bin"), target));
        assertTrue(e.getMessage().contains("data.bin") && e.getMessage().contains(sha256(corrupted))
                && e.getMessage().contains(sha256(content)) && e.getMessage().contains("nothing was kept"), e.getMessage());
        assertFalse(Files.exists(target), "a file that fails verification is never cached");
        assertFalse(Files.exists(Downloader.partial(target)), "nor are its bytes kept for resuming");
        assertFalse(Files.exists(root.resolve(".verified.json")));
    }

    @Test
    void anInterruptedDownloadKeepsItsBytesAndResumesWithARangeRequest() throws Exception {
        server.serve("/data.bin", content).cutOnce("/data.bin", 100_000);
        Path target = root.resolve("ds/data.bin");
        RunFailedException e = assertThrows(RunFailedException.class, () -> downloader.fetch(published("/data.bin"), target));
        assertTrue(e.getMessage().contains("interrupted") && e.getMessage().contains("run the same command again to resume"),
                e.getMessage());
        assertFalse(Files.exists(target));
        long kept = Files.size(Downloader.partial(target));
        assertTrue(kept > 0 && kept <= 100_000, "kept " + kept);

        downloader.fetch(published("/data.bin"), target);
        assertArrayEquals(content, Files.readAllBytes(target));
        assertEquals(List.of("", "bytes=" + kept + "-"), server.ranges(), "the second request resumes where the first stopped");
        assertFalse(Files.exists(Downloader.partial(target)));
    }

    @Test
    void aServerThatIgnoresRangesMakesTheDownloadStartOver() throws Exception {
        server.serve("/data.bin", content).cutOnce("/data.bin", 50_000).ignoreRanges();
        Path target = root.resolve("data.bin");
        assertThrows(RunFailedException.class, () -> downloader.fetch(published("/data.bin"), target));
        downloader.fetch(published("/data.bin"), target);
        assertArrayEquals(content, Files.readAllBytes(target));
    }

    @Test
    void aResponseOfTheWrongLengthIsRefusedBeforeDownloading() throws Exception {
        server.serve("/login.html", "<html>please log in</html>".getBytes());
        Path target = root.resolve("data.bin");
        RunFailedException e = assertThrows(RunFailedException.class, () -> downloader.fetch(published("/login.html"), target));
        assertTrue(e.getMessage().contains("the server sends 26 bytes where the published file has 300000"), e.getMessage());
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(Downloader.partial(target)));
    }

    @Test
    void redirectsAreFollowedAndMissingFilesNamed() throws Exception {
        server.serve("/real.bin", content).redirect("/moved.bin", server.url("/real.bin").toString());
        Path target = root.resolve("data.bin");
        downloader.fetch(published("/moved.bin"), target);
        assertArrayEquals(content, Files.readAllBytes(target));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> downloader.fetch(published("/nothing.bin"), root.resolve("other.bin")));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
    }

    @Test
    void anUnreachableServerIsReportedWithTheAddress() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/data.bin");
        RunFailedException e = assertThrows(RunFailedException.class, () -> downloader.fetch(
                new RemoteFile("data.bin", content.length, sha256(content), url), root.resolve("data.bin")));
        assertTrue(e.getMessage().startsWith("cannot download data.bin from " + url), e.getMessage());
    }
}
