package org.oodrunner.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.oodrunner.runner.Cli;

/**
 * `runner bench compare` without PyTorch, on the reference RealNVP: the framework and the
 * hand-written graph (same parameter count, checked by the command) each give a rate, and the
 * table names the machine's vector features.
 */
class CompareBenchTest {
    @Test
    void comparesTheFrameworkWithTheHandWrittenGraphInAlternatingRounds() {
        Cli cli = Cli.run("bench", "compare", "--no-pytorch", "--networks", "realnvp", "--rounds", "2", "--steps", "1",
                "--score-images", "16", "--glow-spec", "../experiments/fashion_vs_mnist_glow.yaml");
        assertEquals(0, cli.exitCode(), cli.err());
        String out = cli.out();
        assertTrue(out.lines().findFirst().orElseThrow().contains("cores, "), out);
        String row = out.lines().filter(l -> l.startsWith("| realnvp |")).findFirst().orElseThrow(() -> new AssertionError(out));
        String[] cells = row.split("\\|");
        assertEquals("351,328", cells[2].trim(), row);
        assertEquals("64 / 64", cells[3].trim(), row);
        assertTrue(Double.parseDouble(cells[4].trim()) > 0, "framework train img/s: " + row);
        assertTrue(Double.parseDouble(cells[5].trim()) > 0, "hand-written train img/s: " + row);
        assertEquals("-", cells[6].trim(), "no PyTorch: " + row);
        assertTrue(cells[8].trim().endsWith("x"), "framework / hand-written: " + row);
        assertTrue(Double.parseDouble(cells[9].trim()) > 0, "framework score img/s: " + row);
        assertEquals(2, out.lines().filter(l -> l.startsWith("- realnvp framework:")).findFirst().orElseThrow()
                .split(",").length, "two rounds: " + out);
    }

    @Test
    void anUnknownNetworkIsABadInput() {
        Cli cli = Cli.run("bench", "compare", "--no-pytorch", "--networks", "vae");
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("unknown network vae"), cli.err());
    }
}
