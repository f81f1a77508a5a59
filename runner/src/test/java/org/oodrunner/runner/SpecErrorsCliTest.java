package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad spec ends the same way: one line naming file:line:column, exit code 2,
 * no stack trace.
 */
class SpecErrorsCliTest {
    @TempDir
    Path dir;

    static final String VALID = """
            name: t
            data:
              train: {dataset: fashion_mnist, split: train}
              test: {dataset: fashion_mnist, split: test}
              ood: [{dataset: mnist, split: test}]
            model: {type: gaussian}
            """;

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    /** Validates the file and checks the common shape of a spec error; returns the error line. */
    private String refused(Path spec, String... extra) {
        String[] args = new String[2 + extra.length];
        args[0] = "validate";
        args[1] = spec.toString();
        System.arraycopy(extra, 0, args, 2, extra.length);
        Cli cli = Cli.run(args);
        assertEquals(2, cli.exitCode(), cli.err());
        assertFalse(cli.printedStackTrace(), cli.err());
        String line = cli.err().lines().findFirst().orElseThrow();
        assertTrue(line.startsWith("error: "), line);
        return line.substring("error: ".length());
    }

    @Test
    void meaninglessScoresAreRefusedAtValidateWithTheReason() throws IOException {
        Path waic = write("waic_jem.yaml", VALID.replace("model: {type: gaussian}",
                "model: {type: jem, network: {type: convnet, channels: [4]}}\nscorers: [log_likelihood, {type: waic, models: 3}]"));
        String e = refused(waic);
        assertTrue(e.startsWith(waic + ":7:"), e);
        assertTrue(e.contains("scorer 'waic' compares the log-likelihoods of separately trained models, but model 'jem' "
                + "gives log p(x) only up to an unknown normaliser"), e);
        Path vae = write("gradient_vae.yaml", VALID.replace("model: {type: gaussian}",
                "model: {type: vae}\nscorers: [gradient_norm]"));
        e = refused(vae);
        assertTrue(e.startsWith(vae + ":7:"), e);
        assertTrue(e.contains("scorer 'gradient_norm' needs input_gradient_norm (derived from log_likelihood), which model "
                + "'vae' cannot give: its log-likelihood estimate draws latent samples"), e);
    }

    @Test
    void yamlSyntaxError() throws IOException {
        Path p = write("syntax.yaml", "name: t\ndata: {train: [1, 2}\n");
        String e = refused(p);
        assertTrue(e.startsWith(p + ":2:"), e);
        assertTrue(e.contains("YAML syntax error"), e);
    }

    @Test
    void unknownKey() throws IOException {
        Path p = write("key.yaml", VALID + "trian: {steps: 3}\n");
        assertEquals(p + ":7:1: unknown key 'trian' in the spec; did you mean 'train'?", refused(p));
    }

    @Test
    void wrongType() throws IOException {
        Path p = write("type.yaml", VALID + "seed: zero\n");
        assertEquals(p + ":7:7: 'seed' must be an integer, not the string 'zero'", refused(p));
    }

    @Test
    void outOfRange() throws IOException {
        Path p = write("range.yaml", VALID + "train: {batch_size: 0}\n");
        assertEquals(p + ":7:21: 'train.batch_size' is 0; it must be >= 1", refused(p));
    }

    @Test
    void unknownComponentWithSuggestion() throws IOException {
        Path p = write("component.yaml", VALID.replace("{type: gaussian}", "{type: gausian}"));
        String e = refused(p);
        assertTrue(e.startsWith(p + ":6:15: unknown model 'gausian'; did you mean 'gaussian'?"), e);
    }

    @Test
    void extendsCycle() throws IOException {
        write("a.yaml", "extends: b.yaml\n" + VALID);
        Path b = write("b.yaml", "extends: a.yaml\n");
        String e = refused(dir.resolve("a.yaml"));
        assertTrue(e.startsWith(b + ":1:10: extends cycle: a.yaml -> b.yaml -> a.yaml"), e);
    }

    @Test
    void missingEnvironmentVariableWithoutDefault() throws IOException {
        Path p = write("env.yaml", VALID + "description: ${env:OOD_RUNNER_TEST_SURELY_UNSET}\n");
        String e = refused(p);
        assertTrue(e.startsWith(p + ":7:14: environment variable OOD_RUNNER_TEST_SURELY_UNSET is not set"), e);
    }

    /** Set if the YAML layer ever instantiates this class. */
    static volatile boolean constructed;

    public static final class Canary {
        public Canary() {
            constructed = true;
        }
    }

    @Test
    void globalTagsAreRefusedAndNothingIsConstructed() throws IOException {
        Path p = write("tag.yaml", "name: !!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"http://127.0.0.1:1/\"]]]]\n");
        String e = refused(p);
        assertTrue(e.startsWith(p + ":1:7: YAML tag"), e);
        assertTrue(e.contains("is not allowed"), e);
        Path q = write("tag2.yaml", "name: !!" + Canary.class.getName() + " []\n");
        refused(q);
        assertFalse(constructed, "no class named by a tag was constructed");
    }

    @Test
    void aliasBombIsRefusedWithinASecond() throws IOException {
        StringBuilder bomb = new StringBuilder("a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'j'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            bomb.append("]\n");
            prev = String.valueOf(c);
        }
        Path p = write("bomb.yaml", bomb.toString());
        Cli.run("validate", write("warm.yaml", VALID).toString()); // start-up costs are not the parser's
        String e = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> refused(p)); // a hang guard: unbounded expansion would take hours
        assertTrue(e.startsWith(p + ":"), e);
        assertTrue(e.contains("alias"), e);
    }

    @Test
    void oversizedGrid() throws IOException {
        Path p = write("grid.yaml", VALID + "grid:\n  seed: [1, 2, 3, 4, 5]\n  model.initial_scale: [0.1, 0.2, 0.3]\n");
        String e = refused(p, "--max-runs", "10");
        assertEquals(p + ":8:3: the grid expands to 15 runs, over the limit of 10; shrink an axis, or raise the limit with --max-runs", e);
    }

    @Test
    void theStackTraceComesWithDebug() throws IOException {
        Path p = write("debug.yaml", VALID + "trian: 1\n");
        Cli cli = Cli.run("validate", p.toString(), "--debug");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.printedStackTrace(), cli.err());
    }

    @Test
    void usageErrorsExitWithTwoToo() {
        Cli cli = Cli.run("run");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().startsWith("error: name at least one SPEC file"), cli.err());
        assertEquals(2, Cli.run("expand").exitCode());
        assertEquals(2, Cli.run("frobnicate").exitCode());
    }

    @Test
    void helpWorksOnEveryCommand() {
        for (String command : new String[] {"run", "validate", "expand", "components", "schema", "bench"}) {
            Cli cli = Cli.run(command, "--help");
            assertEquals(0, cli.exitCode(), command + ": " + cli.err());
            assertTrue(cli.out().startsWith("Usage: runner " + command), cli.out());
        }
    }

    @Test
    void aMissingSpecFileIsOneLine() {
        Cli cli = Cli.run("validate", dir.resolve("nope.yaml").toString());
        assertEquals(2, cli.exitCode());
        assertEquals("error: " + dir.resolve("nope.yaml") + ": no such file", cli.err().strip());
    }
}
