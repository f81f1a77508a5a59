package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the local store's {@code metrics.jsonl} from a byte offset, a whole line at a time: a
 * line still being written (no newline yet) is left for the next read. The offset and the last
 * line read are what a sync remembers; {@link #continuesFrom} tells whether the file still
 * holds that line just before that offset, i.e. whether it was only appended to since. A line
 * that is not a metric (a crash can leave half a line that the next attempt appends to) is
 * counted and passed over rather than stopping every later sync.
 */
public final class MetricLog {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One logged value, as the local store holds it. */
    public record Entry(String key, double value, long step, long timestamp) {}

    /** Entries read, the offset just after the last line read, that line's text, and lines passed over. */
    public record Chunk(List<Entry> entries, long end, String lastLine, int malformed) {}

    private final Path file;

    public MetricLog(Path file) {
        this.file = file;
    }

    /** Whether the file still ends its first {@code offset} bytes with {@code lastLine} and a newline. */
    public boolean continuesFrom(long offset, String lastLine) {
        if (offset == 0) return true;
        if (lastLine == null) return false;
        byte[] expected = (lastLine + "\n").getBytes(StandardCharsets.UTF_8);
        if (offset < expected.length) return false;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            if (ch.size() < offset) return false;
            ByteBuffer buf = ByteBuffer.allocate(expected.length);
            long at = offset - expected.length;
            while (buf.hasRemaining()) {
                int n = ch.read(buf, at + buf.position());
                if (n < 0) return false;
            }
            return Arrays.equals(buf.array(), expected);
        } catch (IOException e) {
            return false;
        }
    }

    /** Up to {@code max} complete entries from {@code offset}; none when the file does not exist. */
    public Chunk read(long offset, int max) {
        if (!Files.exists(file)) return new Chunk(List.of(), offset, null, 0);
        List<Entry> entries = new ArrayList<>();
        long end = offset;
        String last = null;
        int malformed = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            ch.position(offset);
            InputStream in = new java.io.BufferedInputStream(Channels.newInputStream(ch), 1 << 16);
            ByteArrayOutputStream line = new ByteArrayOutputStream(256);
            long pos = offset;
            int b;
            while (entries.size() < max && (b = in.read()) >= 0) {
                pos++;
                if (b != '\n') {
                    line.write(b);
                    continue;
                }
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                if (!text.isBlank()) {
                    Entry e = parse(text);
                    if (e != null) entries.add(e);
                    else malformed++;
                }
                end = pos;
                last = text;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Chunk(entries, end, last, malformed);
    }

    /** The entry a line holds, or null when it is not {key, value, step, timestamp}. */
    private static Entry parse(String text) {
        try {
            JsonNode n = JSON.readTree(text);
            JsonNode key = n.path("key");
            JsonNode v = n.path("value");
            if (!key.isTextual() || !(v.isNumber() || v.isTextual()) || !n.path("step").isIntegralNumber()
                    || !n.path("timestamp").isIntegralNumber()) {
                return null;
            }
            double value = v.isNumber() ? v.asDouble() : Double.parseDouble(v.asText());
            return new Entry(key.asText(), value, n.path("step").asLong(), n.path("timestamp").asLong());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }
}
