package org.oodrunner.framework.report;

import java.util.List;

/** A titled Markdown (GitHub) table; cells have their pipes escaped and their line breaks flattened. */
final class MarkdownTable {
    private MarkdownTable() {}

    static void append(StringBuilder b, String title, List<String> header, List<List<String>> rows) {
        b.append("#### ").append(title).append("\n\n");
        appendBare(b, header, rows);
        b.append('\n');
    }

    /** The table alone: header, separator, rows. */
    static void appendBare(StringBuilder b, List<String> header, List<List<String>> rows) {
        row(b, header);
        b.append('|');
        for (int i = 0; i < header.size(); i++) b.append("---|");
        b.append('\n');
        for (List<String> r : rows) row(b, r);
    }

    private static void row(StringBuilder b, List<String> cells) {
        b.append('|');
        for (String c : cells) b.append(' ').append(c.replace("|", "\\|").replace("\n", " ")).append(" |");
        b.append('\n');
    }
}
