package org.oodrunner.components.datasets.notmnist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.archive.TarWriter;
import org.oodrunner.components.datasets.imagefile.ImageFixtures;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.errors.RunFailedException;
import org.slf4j.LoggerFactory;

class NotMnistSourceTest {
    @TempDir
    Path root;

    /** Glyph g of letter l: a 28x28 gray PNG whose pixel (y, x) is (l * 40 + g * 3 + y + x) % 256. */
    static byte[] glyph(int letter, int g) throws Exception {
        return ImageFixtures.grayPng(28, 28, (y, x) -> (letter * 40 + g * 3 + y + x) % 256);
    }

    private Map<String, byte[]> entries() throws Exception {
        Map<String, byte[]> e = new LinkedHashMap<>();
        // Tar order is not sorted: the reader sorts by path.
        for (int letter : new int[] {9, 0, 2}) {
            for (int g = 0; g < 3; g++) {
                e.put("notMNIST_small/" + (char) ('A' + letter) + "/font" + g + ".png", glyph(letter, g));
            }
        }
        e.put("notMNIST_small/C/broken.png", new byte[0]);
        e.put("notMNIST_small/A/cut.png", java.util.Arrays.copyOf(glyph(0, 9), 40));
        return e;
    }

    @Test
    void readsTheArchiveSkippingAndCountingUnreadableFiles() throws Exception {
        TarWriter.write(root.resolve("notmnist/notMNIST_small.tar.gz"), entries());
        Logger log = (Logger) LoggerFactory.getLogger(org.oodrunner.framework.data.LoadRequest.class);
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        log.addAppender(appender);
        ImageSet set;
        try {
            set = new NotMnistSource(root).load("small", LoadRequest.all("notmnist/small"));
        } finally {
            log.detachAppender(appender);
        }
        assertEquals(9, set.size());
        // Sorted by path: A/font0..2, C/font0..2, J/font0..2.
        int[] letters = {0, 0, 0, 2, 2, 2, 9, 9, 9};
        for (int i = 0; i < 9; i++) {
            assertEquals(letters[i], set.labels()[i]);
            int g = i % 3;
            assertEquals((letters[i] * 40 + g * 3 + 5 + 7) % 256, set.images()[i][5 * 28 + 7] & 0xFF, "image " + i);
        }
        String warning = appender.list.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("skipped"))
                .findFirst().orElse("");
        assertTrue(warning.startsWith("notmnist/small: skipped 2 unreadable file(s) of 11"), warning);
    }

    @Test
    void readsTheUnpackedFolderIdentically() throws Exception {
        for (Map.Entry<String, byte[]> e : entries().entrySet()) {
            Path file = root.resolve("notmnist").resolve(e.getKey());
            Files.createDirectories(file.getParent());
            Files.write(file, e.getValue());
        }
        TarWriter.write(root.resolve("other/notmnist/notMNIST_small.tar.gz"), entries());
        ImageSet fromFolder = new NotMnistSource(root).load("small", LoadRequest.all("a"));
        ImageSet fromArchive = new NotMnistSource(root.resolve("other")).load("small", LoadRequest.all("b"));
        assertEquals(fromArchive.size(), fromFolder.size());
        for (int i = 0; i < fromFolder.size(); i++) {
            assertEquals(fromArchive.labels()[i], fromFolder.labels()[i]);
            assertTrue(java.util.Arrays.equals(fromArchive.images()[i], fromFolder.images()[i]));
        }
    }

    @Test
    void aTruncatedArchiveIsNamed() throws Exception {
        Path archive = root.resolve("notmnist/notMNIST_small.tar.gz");
        TarWriter.write(archive, entries());
        byte[] all = Files.readAllBytes(archive);
        Files.write(archive, java.util.Arrays.copyOf(all, all.length - 200));
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new NotMnistSource(root).load("small", LoadRequest.all("notmnist/small")));
        assertTrue(e.getMessage().startsWith(archive.toString()) && e.getMessage().contains("runner data fetch notmnist"),
                e.getMessage());
    }
}
