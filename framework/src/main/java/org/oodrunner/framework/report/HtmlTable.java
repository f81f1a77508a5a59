package org.oodrunner.framework.report;

import java.util.ArrayList;
import java.util.List;

/** An HTML table built row by row; cells are escaped text, or trusted HTML with a numeric sort key. */
final class HtmlTable {
    /** One cell: its inner HTML, a numeric sort key (or null), and whether it is text (left-aligned). */
    record Cell(String html, String sortKey, boolean text) {
        static Cell text(String s) {
            return new Cell(Html.esc(s), null, true);
        }

        static Cell number(double v) {
            return new Cell(Html.num(v), Html.sortKey(v), false);
        }

        static Cell count(long v) {
            return new Cell(Html.count(v), Long.toString(v), false);
        }

        static Cell html(String html, double sortValue) {
            return new Cell(html, Html.sortKey(sortValue), false);
        }

        static Cell empty() {
            return new Cell("", null, false);
        }
    }

    private final String id;
    private final boolean sortable;
    private final List<String> headers;
    private final List<List<Cell>> rows = new ArrayList<>();

    HtmlTable(String id, boolean sortable, List<String> headers) {
        this.id = id;
        this.sortable = sortable;
        this.headers = List.copyOf(headers);
    }

    HtmlTable row(List<Cell> cells) {
        rows.add(List.copyOf(cells));
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String html() {
        StringBuilder sb = new StringBuilder("<div class=\"scroll\"><table");
        if (id != null) sb.append(" id=\"").append(Html.esc(id)).append('"');
        if (sortable) sb.append(" class=\"sortable\"");
        sb.append(">\n<thead><tr>");
        for (int c = 0; c < headers.size(); c++) {
            boolean text = !rows.isEmpty() && c < rows.get(0).size() && rows.get(0).get(c).text();
            sb.append(text ? "<th class=\"text\">" : "<th>").append(Html.esc(headers.get(c))).append("</th>");
        }
        sb.append("</tr></thead>\n<tbody>\n");
        for (List<Cell> row : rows) {
            sb.append("<tr>");
            for (Cell cell : row) {
                sb.append("<td");
                if (cell.text()) sb.append(" class=\"text\"");
                if (cell.sortKey() != null) sb.append(" data-sort=\"").append(Html.esc(cell.sortKey())).append('"');
                sb.append('>').append(cell.html()).append("</td>");
            }
            sb.append("</tr>\n");
        }
        return sb.append("</tbody></table></div>\n").toString();
    }
}
