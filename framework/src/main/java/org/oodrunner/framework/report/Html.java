package org.oodrunner.framework.report;

import java.util.Locale;

/**
 * The pieces every report page shares: escaping, number formatting, the page frame with its
 * inline style and script. Pages are self-contained (no external file, font or script), so a
 * report opens offline and survives being mailed around.
 */
final class Html {
    private Html() {}

    static String esc(String s) {
        if (s == null) return "";
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '&' -> sb.append("&amp;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    static String num(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "−∞";
        double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) return String.format(Locale.ROOT, "%.3e", v);
        return String.format(Locale.ROOT, "%.4f", v);
    }

    /** A count: no decimals. */
    static String count(long v) {
        return String.format(Locale.ROOT, "%d", v);
    }

    /** A sort key for {@code data-sort}: plain decimal, infinities as large magnitudes. */
    static String sortKey(double v) {
        if (Double.isNaN(v)) return "";
        if (Double.isInfinite(v)) return v > 0 ? "1e308" : "-1e308";
        return Double.toString(v);
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + STYLE + "</style>\n</head>\n<body>\n" + body
                + "<script>\n" + SCRIPT + "</script>\n</body>\n</html>\n";
    }

    private static final String STYLE = """
            body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
                   color: #1d1d1f; margin: 0 auto; max-width: 1180px; padding: 24px 28px 64px; }
            h1 { font-size: 24px; margin: 0 0 4px; }
            h2 { font-size: 18px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 1px solid #e3e3e3; }
            h3 { font-size: 15px; margin: 22px 0 8px; }
            .meta { color: #555; margin: 0 0 4px; }
            nav a { margin-right: 14px; }
            a { color: #0a5ca8; }
            table { border-collapse: collapse; margin: 6px 0 12px; font-variant-numeric: tabular-nums; }
            th, td { padding: 5px 10px; border-bottom: 1px solid #ececec; text-align: right; white-space: nowrap; }
            th:first-child, td:first-child, th.text, td.text { text-align: left; }
            th { background: #f6f6f8; font-weight: 600; position: sticky; top: 0; }
            table.sortable th { cursor: pointer; user-select: none; }
            table.sortable th[data-order="asc"]::after { content: " ▲"; font-size: 10px; }
            table.sortable th[data-order="desc"]::after { content: " ▼"; font-size: 10px; }
            tr:hover td { background: #fafafc; }
            .ci { color: #777; font-size: 12px; }
            .note { color: #555; max-width: 860px; }
            .good { color: #1a7f37; } .bad { color: #b42318; }
            .figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(520px, 1fr)); gap: 8px 24px; }
            figure { margin: 12px 0 20px; }
            figure img { width: 100%; height: auto; border: 1px solid #eee; }
            figcaption { color: #555; font-size: 13px; max-width: 820px; }
            pre { background: #f6f6f8; padding: 12px; overflow-x: auto; font-size: 12px; }
            .scroll { overflow-x: auto; }
            """;

    /**
     * Click a header to sort by that column (numbers by value). A link can ask for a sorted view:
     * {@code report.html#sort=<table id>:<column>:<asc|desc>}. Once every figure has loaded, the
     * page records how many there are and how many decoded ({@code data-figures},
     * {@code data-figures-loaded} on the body), which the browser test reads.
     */
    private static final String SCRIPT = """
            (function () {
              function key(cell) {
                var s = cell.getAttribute('data-sort');
                if (s !== null && s !== '') { var n = parseFloat(s); if (!isNaN(n)) return n; }
                return cell.textContent.trim().toLowerCase();
              }
              function sortTable(table, col, asc) {
                var headers = table.querySelectorAll('thead th');
                headers.forEach(function (h) { h.removeAttribute('data-order'); });
                if (headers[col]) headers[col].setAttribute('data-order', asc ? 'asc' : 'desc');
                var body = table.tBodies[0];
                var rows = Array.prototype.slice.call(body.rows);
                rows.sort(function (a, b) {
                  var x = key(a.cells[col]), y = key(b.cells[col]);
                  if (typeof x === 'number' && typeof y === 'number') return asc ? x - y : y - x;
                  if (typeof x === 'number') return -1;
                  if (typeof y === 'number') return 1;
                  return asc ? String(x).localeCompare(String(y)) : String(y).localeCompare(String(x));
                });
                rows.forEach(function (r) { body.appendChild(r); });
              }
              document.querySelectorAll('table.sortable').forEach(function (table) {
                table.querySelectorAll('thead th').forEach(function (th, col) {
                  th.addEventListener('click', function () {
                    sortTable(table, col, th.getAttribute('data-order') !== 'asc');
                  });
                });
              });
              var m = /sort=([^:&]+):(\\d+)(?::(asc|desc))?/.exec(decodeURIComponent(location.hash));
              if (m) {
                var target = document.getElementById(m[1]);
                if (target && target.classList.contains('sortable')) sortTable(target, parseInt(m[2], 10), m[3] !== 'desc');
              }
              window.addEventListener('load', function () {
                var images = document.querySelectorAll('figure img');
                var loaded = 0;
                images.forEach(function (img) { if (img.complete && img.naturalWidth > 0) loaded++; });
                document.body.setAttribute('data-figures', String(images.length));
                document.body.setAttribute('data-figures-loaded', String(loaded));
              });
            })();
            """;
}
