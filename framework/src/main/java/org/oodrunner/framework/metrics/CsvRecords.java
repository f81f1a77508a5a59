package org.oodrunner.framework.metrics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.errors.BadInputException;

/**
 * The rows of a comma-separated file: fields split at commas, a field in double quotes may hold
 * commas and doubled quotes (RFC 4180, without line breaks inside fields). Blank lines are
 * skipped; each row remembers its line number for messages.
 */
public final class CsvRecords {
    /** One row: its 1-based line number and its fields. */
    public record Row(int line, List<String> fields) {}

    private CsvRecords() {}

    public static List<Row> read(Path file) {
        List<Row> rows = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String text;
            int line = 0;
            while ((text = r.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) text = text.substring(1);
                if (text.isBlank()) continue;
                rows.add(new Row(line, split(text, file, line)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return rows;
    }

    static List<String> split(String text, Path file, int line) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"' && field.toString().isBlank() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
                field.setLength(0);
            } else if (c == ',') {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else {
                field.append(c);
            }
        }
        if (quoted) {
            throw new BadInputException(file + ":" + line + ": a quoted field is not closed; end it with \"");
        }
        fields.add(wasQuoted ? field.toString() : field.toString().trim());
        return fields;
    }
}
