package org.oodrunner.components.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's Chromium, headless, driven from its command line: load a page and print the DOM after
 * its scripts ran, or save a screenshot. Each call uses a fresh profile directory, no network
 * services and no sandbox (tests may run as root in containers).
 */
public final class HeadlessChromium {
    private static final List<String> CANDIDATES = List.of("chromium", "chromium-browser", "google-chrome");

    private final String binary;
    private final Path scratch;

    private HeadlessChromium(String binary, Path scratch) {
        this.binary = binary;
        this.scratch = scratch;
    }

    /** Finds the browser ($CHROMIUM, else the first of chromium, chromium-browser, google-chrome on PATH). */
    public static HeadlessChromium find(Path scratch) {
        String configured = System.getenv("CHROMIUM");
        if (configured != null && !configured.isBlank()) return new HeadlessChromium(configured, scratch);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            for (String name : CANDIDATES) {
                Path p = Path.of(dir, name);
                if (Files.isExecutable(p)) return new HeadlessChromium(p.toString(), scratch);
            }
        }
        throw new IllegalStateException("headless Chromium is needed for this test: `apt-get install -y chromium` "
                + "(or set CHROMIUM to the browser's path)");
    }

    /** The DOM after the page loaded and its scripts ran. */
    public String dumpDom(String url) {
        return run(List.of("--dump-dom", url)).stdout();
    }

    /** Saves a PNG of the page at the given window size. */
    public void screenshot(String url, Path png, int width, int height) {
        try {
            Files.createDirectories(png.toAbsolutePath().getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        run(List.of("--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height,
                "--hide-scrollbars", url));
        if (!Files.exists(png)) throw new IllegalStateException("Chromium wrote no screenshot to " + png);
    }

    private record Output(String stdout, String stderr) {}

    private Output run(List<String> args) {
        try {
            Path profile = Files.createTempDirectory(scratch, "chromium-profile");
            Path out = scratch.resolve("chromium-" + System.nanoTime() + ".out");
            Path err = scratch.resolve("chromium-" + System.nanoTime() + ".err");
            List<String> command = new ArrayList<>(List.of(binary, "--headless", "--no-sandbox", "--disable-gpu",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                    "--user-data-dir=" + profile.toAbsolutePath()));
            command.addAll(args);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException("Chromium did not finish within 120 s: " + command);
            }
            String stdout = Files.readString(out, StandardCharsets.UTF_8);
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            if (p.exitValue() != 0) {
                throw new IllegalStateException("Chromium exited with " + p.exitValue() + ": " + stderr);
            }
            return new Output(stdout, stderr);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while Chromium ran", e);
        }
    }
}
