package org.oodrunner.framework.metrics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Per-example scores from a file, for scores produced elsewhere ({@code runner metrics}) or by
 * a run ({@code artifacts/scores.csv}). Two formats, told apart by the first non-blank
 * character ({@code {} starts JSON lines):
 * <ul>
 *   <li>CSV: one score per row; a header row names the columns (needed when there are several),
 *   or no header and a single column;</li>
 *   <li>JSON lines: one JSON number, or one object holding the score in a field, per line.</li>
 * </ul>
 * Higher scores mean "more in-distribution", as everywhere in the framework.
 *
 * @param column the column or field holding the score; null: {@code score} if there is one,
 *     else the only numeric one
 * @param where null, or {@code name=value}: only rows whose column {@code name} equals
 *     {@code value} (e.g. {@code dataset=mnist/test} in a run's scores.csv)
 */
public record ScoreFile(Path file, String column, String where) {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String DEFAULT_COLUMN = "score";

    public ScoreFile {
        if (where != null && where.indexOf('=') <= 0) {
            throw new BadInputException("--where '" + where + "' is not of the form COLUMN=VALUE");
        }
    }

    public double[] read() {
        List<String> lines;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            lines = r.lines().toList();
        } catch (NoSuchFileException e) {
            throw new BadInputException(file + ": no such file");
        } catch (IOException | UncheckedIOException e) {
            throw new BadInputException(file + ": cannot read it (" + e.getMessage() + ")");
        }
        String first = lines.stream().filter(l -> !l.isBlank()).findFirst().orElse("").strip();
        if (first.startsWith("\uFEFF")) first = first.substring(1);
        double[] scores = first.startsWith("{") || first.startsWith("[") ? jsonLines(lines) : csv();
        if (scores.length == 0) {
            throw new BadInputException(file + ": no scores" + (where == null ? "" : " in rows where " + where)
                    + "; check the file" + (where == null ? "" : " and the --where value"));
        }
        return scores;
    }

    private double[] csv() {
        List<CsvRecords.Row> rows = CsvRecords.read(file);
        if (rows.isEmpty()) return new double[0];
        List<String> firstRow = rows.get(0).fields();
        boolean header = firstRow.stream().anyMatch(f -> parse(f) == null);
        int at;
        int filterAt = -1;
        String filterValue = null;
        if (header) {
            at = pickColumn(firstRow);
            if (where != null) {
                String name = where.substring(0, where.indexOf('='));
                filterAt = firstRow.indexOf(name);
                filterValue = where.substring(where.indexOf('=') + 1);
                if (filterAt < 0) {
                    throw new BadInputException(file + ":" + rows.get(0).line() + ": no column '" + name + "' to filter on; "
                            + "the columns are " + firstRow);
                }
            }
        } else {
            if (where != null) throw new BadInputException(file + ": --where needs a header row naming the columns");
            if (firstRow.size() != 1) {
                throw new BadInputException(file + ":" + rows.get(0).line() + ": " + firstRow.size()
                        + " columns and no header; add a header row and pick the score with --column");
            }
            at = 0;
        }
        List<Double> out = new ArrayList<>();
        for (int r = header ? 1 : 0; r < rows.size(); r++) {
            CsvRecords.Row row = rows.get(r);
            if (filterAt >= 0 && (filterAt >= row.fields().size() || !row.fields().get(filterAt).equals(filterValue))) continue;
            if (at >= row.fields().size()) {
                throw new BadInputException(file + ":" + row.line() + ": the row has " + row.fields().size()
                        + " fields, the header " + firstRow.size());
            }
            out.add(number(row.fields().get(at), row.line()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private int pickColumn(List<String> header) {
        if (column != null) {
            int at = header.indexOf(column);
            if (at < 0) throw new BadInputException(file + ":1: no column '" + column + "'; the columns are " + header);
            return at;
        }
        int at = header.indexOf(DEFAULT_COLUMN);
        if (at >= 0) return at;
        if (header.size() == 1) return 0;
        throw new BadInputException(file + ":1: which column holds the score? The columns are " + header
                + "; name one with --column");
    }

    private double[] jsonLines(List<String> lines) {
        String key = column != null ? column : DEFAULT_COLUMN;
        String filterName = where == null ? null : where.substring(0, where.indexOf('='));
        String filterValue = where == null ? null : where.substring(where.indexOf('=') + 1);
        List<Double> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (i == 0 && text.startsWith("\uFEFF")) text = text.substring(1);
            if (text.isEmpty()) continue;
            int line = i + 1;
            JsonNode node;
            try {
                node = JSON.readTree(text);
            } catch (JsonProcessingException e) {
                throw new BadInputException(file + ":" + line + ":" + e.getLocation().getColumnNr()
                        + ": not JSON (" + e.getOriginalMessage() + "); write one JSON object or number per line");
            }
            if (node.isNumber()) {
                if (filterName != null) throw new BadInputException(file + ":" + line + ": --where needs objects, got a bare number");
                out.add(finite(node.asDouble(), line));
                continue;
            }
            if (!node.isObject()) {
                throw new BadInputException(file + ":" + line + ": expected a JSON object or number, got " + node.getNodeType());
            }
            if (filterName != null && !node.path(filterName).asText("\u0000").equals(filterValue)) continue;
            JsonNode value = node.get(key);
            if (value == null && column == null) value = onlyNumber(node);
            if (value == null) {
                List<String> names = new ArrayList<>();
                node.fieldNames().forEachRemaining(names::add);
                throw new BadInputException(file + ":" + line + ": no field '" + key + "'; the fields are " + names
                        + "; name the score's field with --column");
            }
            Double v = value.isNumber() ? Double.valueOf(value.asDouble()) : value.isTextual() ? parse(value.asText()) : null;
            if (v == null) {
                throw new BadInputException(file + ":" + line + ": field '" + key + "' is " + value + ", not a number");
            }
            out.add(finite(v, line));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    private static JsonNode onlyNumber(JsonNode object) {
        JsonNode found = null;
        for (Iterator<JsonNode> it = object.elements(); it.hasNext(); ) {
            JsonNode v = it.next();
            if (v.isNumber()) {
                if (found != null) return null;
                found = v;
            }
        }
        return found;
    }

    private double number(String text, int line) {
        Double v = parse(text);
        if (v == null) throw new BadInputException(file + ":" + line + ": '" + text + "' is not a number");
        return finite(v, line);
    }

    private double finite(double v, int line) {
        if (Double.isNaN(v)) throw new BadInputException(file + ":" + line + ": the score is NaN; every score must be a number");
        return v;
    }

    /** A decimal number, or inf/-inf (a log-likelihood may be -inf); null if the text is not one. */
    static Double parse(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT);
        switch (t) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            case "nan" -> {
                return Double.NaN;
            }
            default -> {
                if (!t.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)(e[+-]?\\d+)?")) return null;
                return Double.parseDouble(t);
            }
        }
    }
}
