package org.oodrunner.components.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.testing.AllScorersRun;
import org.oodrunner.components.testing.HeadlessChromium;
import org.oodrunner.framework.report.GridReport;

/**
 * A run's report.html opened in headless Chromium, offline from the file: the metrics table and
 * every figure are there and decode, sorting by a column works, and a screenshot is kept in
 * {@code target/test-artifacts/report-screenshot.png}. The grid page of two runs too.
 */
class ReportInBrowserTest {
    @TempDir
    static Path scratch;

    static Path report;
    static HeadlessChromium chromium;

    @BeforeAll
    static void openTheRun() {
        report = AllScorersRun.get().files().artifacts().resolve("report.html");
        chromium = HeadlessChromium.find(scratch);
    }

    private static int count(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        int n = 0;
        while (m.find()) n++;
        return n;
    }

    private static String tbody(String dom, String tableId) {
        int start = dom.indexOf("id=\"" + tableId + "\"");
        assertTrue(start >= 0, "no table " + tableId);
        int body = dom.indexOf("<tbody>", start);
        return dom.substring(body, dom.indexOf("</tbody>", body));
    }

    @Test
    void theTableAndEveryFigureAreThere() {
        String dom = chromium.dumpDom(report.toUri().toString());
        // 10 scorers against one OOD set.
        assertEquals(10, count(tbody(dom, "metrics"), "<tr>"), "rows of the metrics table");
        assertTrue(dom.contains("<th>auroc</th>") && dom.contains("<th>detection_error</th>"));
        Matcher figures = Pattern.compile("data-figures=\"(\\d+)\" data-figures-loaded=\"(\\d+)\"").matcher(dom);
        assertTrue(figures.find(), "the page's load script did not run");
        int total = Integer.parseInt(figures.group(1));
        // 10 histograms, 1 ROC figure, at least the training loss.
        assertTrue(total >= 12, "figures: " + total);
        assertEquals(total, Integer.parseInt(figures.group(2)), "every figure decodes in the browser");
        assertTrue(dom.contains("id=\"batch-tests\"") && dom.contains("id=\"second-moment-predictions\""));
    }

    @Test
    void aColumnSortsByValue() {
        // Column 2 is auroc; the page sorts on load when the link asks for it.
        String dom = chromium.dumpDom(report.toUri() + "#sort=metrics:2:desc");
        List<Double> auroc = new ArrayList<>();
        Matcher cell = Pattern.compile("<tr><td class=\"text\">[^<]*</td><td class=\"text\">[^<]*</td><td data-sort=\"([^\"]+)\"")
                .matcher(tbody(dom, "metrics"));
        while (cell.find()) auroc.add(Double.parseDouble(cell.group(1)));
        assertEquals(10, auroc.size());
        for (int i = 1; i < auroc.size(); i++) assertTrue(auroc.get(i - 1) >= auroc.get(i), auroc.toString());
        assertTrue(dom.contains("data-order=\"desc\""));
    }

    @Test
    void aScreenshotIsKeptAsATestArtifact() throws IOException {
        Path png = Path.of("target", "test-artifacts", "report-screenshot.png");
        Files.deleteIfExists(png);
        chromium.screenshot(report.toUri().toString(), png, 1280, 2400);
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(1280, image.getWidth());
        assertEquals(2400, image.getHeight());
        // Not a blank page: a good share of the pixels is not white (tables, text, plots).
        int inked = 0;
        int total = 0;
        for (int y = 0; y < image.getHeight(); y += 4) {
            for (int x = 0; x < image.getWidth(); x += 4) {
                total++;
                if ((image.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) inked++;
            }
        }
        assertTrue(inked > total / 50, inked + " of " + total + " sampled pixels are not white");
    }

    @Test
    void theGridPageListsEveryRunAndLinksToItsReport() throws IOException {
        Path run = AllScorersRun.get().files().dir();
        Path page = scratch.resolve("grid").resolve("index.html");
        GridReport.write(List.of(run, run.resolveSibling("missing-run")), page, "two runs");
        String dom = chromium.dumpDom(page.toUri().toString());
        String body = tbody(dom, "grid");
        assertEquals(2, count(body, "<tr>"));
        Matcher link = Pattern.compile("<a href=\"([^\"]+)\">all_scorers</a>").matcher(body);
        assertTrue(link.find(), body);
        assertTrue(Files.exists(page.getParent().resolve(link.group(1)).normalize()), link.group(1));
        assertTrue(dom.contains("<th>input_complexity · noise · auroc</th>"), "a column per scorer, OOD set and metric");
    }
}
