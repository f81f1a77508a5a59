package org.oodrunner.framework.data.fetch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.BadInputException;

class DatasetFetcherTest {
    @TempDir
    Path root;

    private FixtureServer server;
    private DatasetFetcher fetcher;
    private final byte[] small = "a small published file".getBytes();
    private final byte[] other = "another published file".getBytes();

    @BeforeEach
    void start() throws IOException {
        server = new FixtureServer().serve("/small.bin", small).serve("/other.bin", other);
        VerifiedFiles verified = new VerifiedFiles(root);
        fetcher = new DatasetFetcher(verified, new Downloader(verified, DownloadListener.SILENT, Duration.ofSeconds(5),
                Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    /** A dataset whose one image is the bytes of its first file, with the file sets it is given. */
    private record Source(List<FileSet> fileSets) implements DatasetSource {
        @Override
        public List<String> splits() {
            return List.of("a", "b");
        }

        @Override
        public ImageShape shape() {
            return new ImageShape(1, 22, 1);
        }

        @Override
        public int numClasses() {
            return 0;
        }

        @Override
        public ImageSet load(String split, LoadRequest request) {
            FileSet set = fileSets.get(0);
            try {
                return request.fromArrays(shape(), new byte[][] {Files.readAllBytes(set.path(set.files().get(0)))}, null, 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private RemoteFile file(String name, byte[] content, String path) throws Exception {
        return new RemoteFile(name, content.length, DownloaderTest.sha256(content), server.url(path));
    }

    @Test
    void fallsBackToTheNextWayWhenADownloadFails() throws Exception {
        FileSet broken = new FileSet("mirror that lost the file", root.resolve("ds"), List.of("a"),
                List.of(file("small.bin", small, "/gone.bin")), null);
        FileSet working = new FileSet("official file", root.resolve("ds"), List.of("a"),
                List.of(file("small.bin", small, "/small.bin")), null);
        DatasetFetcher.Outcome outcome = fetcher.fetch("ds", new Source(List.of(broken, working)), List.of("a"));
        assertTrue(outcome.complete(), outcome.problems().toString());
        assertEquals(List.of("ds/a: ready in " + root.resolve("ds") + " (official file)"), outcome.ready());
        assertEquals("a small published file", Files.readString(root.resolve("ds/small.bin")));
    }

    @Test
    void whatCannotBeDownloadedIsExplainedWithFilesAndFolder() throws Exception {
        FileSet manual = new FileSet("package", root.resolve("pkg"), List.of("b"),
                List.of(new RemoteFile("other.bin", other.length, DownloaderTest.sha256(other), null)),
                "sudo apt-get install the-package");
        FileSet official = new FileSet("official", root.resolve("ds"), List.of("a"), List.of(file("small.bin", small, "/small.bin")),
                null);
        DatasetFetcher.Outcome outcome = fetcher.fetch("ds", new Source(List.of(official, manual)), List.of());
        assertEquals(1, outcome.ready().size(), "split a still arrives");
        assertEquals(1, outcome.problems().size());
        String problem = outcome.problems().get(0);
        assertTrue(problem.startsWith("ds/b not available") && problem.contains("sudo apt-get install the-package"), problem);

        FileSet downloadOnly = new FileSet("official", root.resolve("dl"), List.of("b"),
                List.of(file("missing.bin", other, "/missing.bin")), null);
        String failed = fetcher.fetch("ds", new Source(List.of(downloadOnly)), List.of("b")).problems().get(0);
        assertTrue(failed.contains("HTTP 404") && failed.contains("place it in " + root.resolve("dl")), failed);
        assertFalse(Files.exists(root.resolve("dl/missing.bin")));
    }

    @Test
    void verifiedFilesAreNotDownloadedAgain() throws Exception {
        FileSet official = new FileSet("official", root.resolve("ds"), List.of("a", "b"),
                List.of(file("small.bin", small, "/small.bin")), null);
        Source source = new Source(List.of(official));
        assertTrue(fetcher.fetch("ds", source, List.of()).complete());
        int requests = server.ranges().size();
        DatasetFetcher.Outcome again = fetcher.fetch("ds", source, List.of("a", "b"));
        assertEquals(2, again.ready().size());
        assertEquals(requests, server.ranges().size(), "no new request");
        assertTrue(fetcher.inspect(source).get(0).verified());
        assertEquals(1, source.load("a", LoadRequest.all("ds/a")).size());
    }

    @Test
    void aSplitNoFileProvidesIsAUsageError() throws Exception {
        FileSet official = new FileSet("official", root.resolve("ds"), List.of("a"), List.of(file("small.bin", small, "/small.bin")),
                null);
        BadInputException e = assertThrows(BadInputException.class,
                () -> fetcher.fetch("ds", new Source(List.of(official)), List.of("c")));
        assertTrue(e.getMessage().contains("no split 'c'"), e.getMessage());
        assertThrows(BadInputException.class, () -> fetcher.fetch("gen", new Source(List.of()), List.of()));
    }
}
