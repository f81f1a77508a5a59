package org.oodrunner.framework.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.run.ExperimentRunner;
import org.oodrunner.framework.run.Progress;
import org.oodrunner.framework.run.RunOutcome;
import org.oodrunner.framework.testing.SpecFixture;
import org.w3c.dom.Document;

/**
 * The report of a real (toy) run: figures as valid PNG and SVG, the page with its tables, a
 * sample grid the run left embedded, a report rebuilt from the directory alone, and the grid
 * page over several runs.
 */
class RunReportTest {
    @TempDir
    static Path dir;

    static RunOutcome outcome;

    @BeforeAll
    static void run() {
        SpecFixture specs = new SpecFixture(dir);
        specs.write("s.yaml", SpecFixture.minimal() + "train: {steps: 6, batch_size: 4, log_every: 2}\n"
                + "eval: {bootstrap: {resamples: 50}}\n");
        outcome = specs.injector().getInstance(ExperimentRunner.class)
                .run(specs.load("s.yaml").get(0), dir.resolve("s.yaml"), Progress.silent());
    }

    @Test
    void everyFigureIsAValidPngAndSvg() throws Exception {
        RunFigures figures = RunFigures.build(RunRecord.read(outcome.files().dir()));
        // One scorer: a histogram; one OOD set: a ROC figure; loss and grad_norm and learning_rate curves.
        assertEquals(1, figures.histograms().size());
        assertEquals(1, figures.roc().size());
        assertEquals(List.of("Training: loss", "Training: grad_norm", "Training: learning_rate"),
                figures.training().stream().map(Figure::title).toList());
        DocumentBuilderFactory xml = DocumentBuilderFactory.newInstance();
        // Parse offline: the SVG's DOCTYPE names the W3C's DTD, which nothing needs to fetch.
        xml.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        for (Figure f : figures.all()) {
            BufferedImage png = ImageIO.read(f.png().toFile());
            assertNotNull(png, f.png().toString());
            assertEquals(ChartStyle.WIDTH, png.getWidth());
            Document svg = xml.newDocumentBuilder().parse(f.svg().toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName());
        }
    }

    @Test
    void thePageHasItsTablesAndEmbedsItsFigures() throws IOException {
        String html = Files.readString(outcome.files().artifacts().resolve(RunReport.FILE));
        assertTrue(html.startsWith("<!DOCTYPE html>"));
        assertTrue(html.contains("<table id=\"metrics\" class=\"sortable\">"));
        assertTrue(html.contains("<table id=\"datasets\" class=\"sortable\">"));
        assertTrue(html.contains("<td class=\"text\">toy_score</td><td class=\"text\">other</td>"));
        // Self-contained: figures inline, nothing fetched from elsewhere.
        assertEquals(5, html.split("src=\"data:image/png;base64,", -1).length - 1);
        assertTrue(!html.contains("http://") && !html.contains("https://") && !html.contains("<link"));
        assertTrue(html.contains("href=\"figures/"), "each figure links to its SVG");
    }

    @Test
    void aSampleGridTheRunLeftIsEmbedded() throws IOException {
        Path copy = dir.resolve("copy");
        copyTree(outcome.files().dir(), copy);
        Path samples = copy.resolve("artifacts/samples/samples_t1.0.png");
        Files.createDirectories(samples.getParent());
        BufferedImage grid = new BufferedImage(40, 40, BufferedImage.TYPE_BYTE_GRAY);
        grid.getRaster().setSample(5, 5, 0, 200);
        ImageIO.write(grid, "png", samples.toFile());
        RunReport.Written written = RunReport.write(copy);
        assertEquals(1, written.figures().samples().size());
        String html = Files.readString(written.page());
        assertTrue(html.contains("<h3>Samples</h3>"));
        assertTrue(html.contains("alt=\"Samples: samples/samples_t1.0.png\""));
    }

    @Test
    void theGridPageHasARowPerRun() throws IOException {
        Path page = dir.resolve("grid.html");
        GridReport.write(List.of(outcome.files().dir(), dir.resolve("never-ran")), page, "toy grid");
        String html = Files.readString(page);
        assertTrue(html.contains("<table id=\"grid\" class=\"sortable\">"));
        assertEquals(2, html.split("<tr><td class=\"text\">", -1).length - 1);
        assertTrue(html.contains("toy_score · other · toy_metric"));
        assertTrue(html.contains(">FINISHED<") && html.contains(">unknown<"));
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(target);
                else Files.copy(p, target);
            }
        }
    }
}
