package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.LocalTracker;
import org.oodrunner.framework.track.RunInfo;

class MetricLogTest {
    @TempDir
    Path dir;

    @Test
    void readsWhatTheLocalTrackerWroteInChunksAndStopsBeforeAHalfWrittenLine() throws IOException {
        RunFiles files = new RunFiles(dir);
        try (LocalTracker local = new LocalTracker(files)) {
            local.start(new RunInfo("e", "r", "h", null, java.util.Map.of()));
            for (int i = 1; i <= 5; i++) local.logMetric("train/loss", 10.0 / i, i);
            local.logMetric("weird", Double.NaN, 6);
        }
        Files.writeString(files.metrics(), "{\"key\":\"half", StandardOpenOption.APPEND);

        MetricLog log = new MetricLog(files.metrics());
        MetricLog.Chunk first = log.read(0, 4);
        assertEquals(4, first.entries().size());
        assertEquals(new MetricLog.Entry("train/loss", 10.0, 1, first.entries().get(0).timestamp()), first.entries().get(0));
        MetricLog.Chunk rest = log.read(first.end(), 100);
        assertEquals(List.of(2.0, Double.NaN), rest.entries().stream().map(MetricLog.Entry::value).toList());
        assertEquals(6, rest.entries().get(1).step());
        assertEquals(rest.end(), log.read(rest.end(), 100).end(), "the unfinished line is not consumed");
        assertEquals(0, log.read(rest.end(), 100).entries().size());
        assertTrue(log.continuesFrom(rest.end(), rest.lastLine()));

        Files.writeString(files.metrics(), "\", \"value\": 1}\n", StandardOpenOption.APPEND);
        MetricLog.Chunk after = log.read(rest.end(), 100);
        assertEquals(0, after.entries().size());
        assertEquals(1, after.malformed());
        assertTrue(after.end() > rest.end());
    }

    @Test
    void aRewrittenFileIsNoticed() throws IOException {
        Path f = dir.resolve("metrics.jsonl");
        String line = "{\"key\":\"a\",\"value\":1.0,\"step\":1,\"timestamp\":5}";
        Files.writeString(f, line + "\n" + line.replace("1.0", "2.0") + "\n", StandardCharsets.UTF_8);
        MetricLog log = new MetricLog(f);
        MetricLog.Chunk c = log.read(0, 10);
        assertEquals(2, c.entries().size());
        assertTrue(log.continuesFrom(c.end(), c.lastLine()));
        Files.writeString(f, line.replace("1.0", "3.0") + "\n" + line.replace("1.0", "4.0") + "\n", StandardCharsets.UTF_8);
        assertFalse(log.continuesFrom(c.end(), c.lastLine()));
        Files.writeString(f, line + "\n", StandardCharsets.UTF_8);
        assertFalse(log.continuesFrom(c.end(), c.lastLine()));
        assertTrue(log.continuesFrom(0, null));
    }
}
