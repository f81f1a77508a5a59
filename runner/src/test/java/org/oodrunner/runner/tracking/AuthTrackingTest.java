package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.track.mlflow.MlflowRest;
import org.oodrunner.framework.track.mlflow.MlflowServerExtension;
import org.oodrunner.runner.Cli;
import org.oodrunner.runner.Main;

/**
 * A tracking server with authentication (MLflow's basic-auth app): the right credentials, from the
 * URI or the environment, log the run; wrong or missing ones give one line at the start, the run
 * finishes in the local store and `runner sync` sends it once they are right. No file a run leaves,
 * and nothing it prints, holds a password (plain, URL-encoded or in a Basic header's encoding).
 */
class AuthTrackingTest {
    private static final String PASSWORD = "Corr3ct-Horse-Battery";
    private static final String WRONG = "Wr0ng-Staple-Password";

    @RegisterExtension
    static final MlflowServerExtension MLFLOW = MlflowServerExtension.withBasicAuth(PASSWORD);

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    private static String uriWith(String user, String password) {
        return MLFLOW.uri().replace("http://", "http://" + user + ":" + password + "@");
    }

    private Path spec(String name) throws IOException {
        Path f = work.resolve(name + ".yaml");
        Files.writeString(f, TinyData.spec(name, "auth-" + name, 8, ""));
        return f;
    }

    @Test
    void theRightCredentialsInTheUriLogTheRunAndNoFileHoldsThem() throws IOException {
        Path spec = spec("right");
        Path store = work.resolve("runs");
        Stderr.Captured<Cli> made = Stderr.during(() -> Cli.run("run", spec.toString(), "--out", store.toString(),
                "--data-root", data.toString(), "--tracking-uri", uriWith(MlflowServerExtension.ADMIN, PASSWORD)));
        assertEquals(0, made.value().exitCode(), made.value().err() + made.log());
        Path dir = LocalStore.only(store, "right-");
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
        assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId));
        assertNoSecret(List.of(work), made.value().out() + made.value().err() + made.log(), PASSWORD);
    }

    @Test
    void wrongOrMissingCredentialsSayItOnceTheRunFinishesLocallyAndSyncSendsItLater() throws IOException {
        Path spec = spec("refused");
        Path wrongStore = work.resolve("wrong");
        Stderr.Captured<Cli> wrong = Stderr.during(() -> Cli.run("run", spec.toString(), "--out", wrongStore.toString(),
                "--data-root", data.toString(), "--tracking-uri", uriWith(MlflowServerExtension.ADMIN, WRONG)));
        assertEquals(0, wrong.value().exitCode(), wrong.value().err() + wrong.log());
        assertEquals(1, lines(wrong.log(), "refused the credentials given (HTTP 401"), wrong.log());
        Path dir = LocalStore.only(wrongStore, "refused-");
        assertEquals("FINISHED", LocalStore.runJson(dir).path("status").asText());
        assertTrue(Files.exists(dir.resolve("results.json")) && Files.exists(dir.resolve("artifacts/scores.csv")));

        Path missingStore = work.resolve("missing");
        Stderr.Captured<Cli> missing = Stderr.during(() -> Cli.run("run", spec.toString(), "--out", missingStore.toString(),
                "--data-root", data.toString(), "--tracking-uri", MLFLOW.uri()));
        assertEquals(0, missing.value().exitCode(), missing.value().err() + missing.log());
        assertEquals(1, lines(missing.log(), "requires a login (HTTP 401)"), missing.log());
        assertEquals("FINISHED", LocalStore.runJson(LocalStore.only(missingStore, "refused-")).path("status").asText());

        Stderr.Captured<Cli> stillWrong = Stderr.during(() -> Cli.run("sync", dir.toString(), "--tracking-uri",
                uriWith(MlflowServerExtension.ADMIN, WRONG)));
        assertEquals(1, stillWrong.value().exitCode(), stillWrong.value().err());
        assertTrue(stillWrong.value().err().contains("refused the credentials given"), stillWrong.value().err());

        Stderr.Captured<Cli> sync = Stderr.during(() -> Cli.run("sync", dir.toString(), "--tracking-uri",
                uriWith(MlflowServerExtension.ADMIN, PASSWORD)));
        assertEquals(0, sync.value().exitCode(), sync.value().err() + sync.log());
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
        assertEquals(LocalStore.metrics(dir), LocalStore.metrics(rest, runId), "every value once");

        String printed = wrong.value().out() + wrong.value().err() + wrong.log() + missing.value().out()
                + missing.value().err() + missing.log() + stillWrong.value().out() + stillWrong.value().err()
                + stillWrong.log() + sync.value().out() + sync.value().err() + sync.log();
        assertNoSecret(List.of(work), printed, PASSWORD);
        assertNoSecret(List.of(work), printed, WRONG);
    }

    @Test
    void credentialsFromTheEnvironmentLogTheRunAndNoFileHoldsThem() throws Exception {
        Path spec = spec("env");
        Path store = work.resolve("runs");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dorg.bytedeco.javacpp.cachedir=" + System.getProperty("org.bytedeco.javacpp.cachedir"), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", spec.toString(), "--out", store.toString(), "--data-root", data.toString(),
                "--tracking-uri", MLFLOW.uri());
        pb.environment().put("MLFLOW_TRACKING_USERNAME", MlflowServerExtension.ADMIN);
        pb.environment().put("MLFLOW_TRACKING_PASSWORD", PASSWORD);
        pb.redirectErrorStream(true);
        pb.redirectOutput(work.resolve("output.txt").toFile());
        Process p = pb.start();
        try {
            assertTrue(p.waitFor(10, TimeUnit.MINUTES), "the run did not end");
        } finally {
            p.destroyForcibly();
        }
        String output = Files.readString(work.resolve("output.txt"));
        assertEquals(0, p.exitValue(), output);
        Path dir = LocalStore.only(store, "env-");
        MlflowRest rest = MLFLOW.rest();
        String runId = LocalStore.runId(dir, MLFLOW.uri());
        assertEquals("FINISHED", rest.run(runId).path("info").path("status").asText());
        assertNoSecret(List.of(work), output, PASSWORD);
    }

    @Test
    void aSpecWithCredentialsInItsTrackingUriIsRefusedBeforeAnythingIsWritten() throws IOException {
        Path spec = work.resolve("inline.yaml");
        Files.writeString(spec, TinyData.spec("inline", "auth-inline", 4, "").replace("tracking: {",
                "tracking: {uri: '" + uriWith(MlflowServerExtension.ADMIN, PASSWORD) + "', "));
        Path store = work.resolve("inline-runs");
        Cli cli = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
        assertEquals(2, cli.exitCode(), cli.err());
        assertTrue(cli.err().contains("tracking.uri holds credentials"), cli.err());
        assertTrue(!cli.err().contains(PASSWORD) && !cli.out().contains(PASSWORD), cli.err());
        assertTrue(!Files.exists(store), "nothing written");
    }

    @Test
    void doctorSaysWhetherTheServerTakesTheCredentials() throws IOException {
        Path spec = work.resolve("noise.yaml");
        Files.writeString(spec, """
                name: noise_only
                data:
                  train: {dataset: uniform_noise, split: train, count: 64, height: 8, width: 8, channels: 1}
                  test: {dataset: uniform_noise, split: test, count: 16, height: 8, width: 8, channels: 1}
                  ood: [{dataset: gaussian_noise, split: test, count: 16, height: 8, width: 8, channels: 1}]
                model: {type: gaussian}
                """);
        Cli right = Cli.run("doctor", spec.toString(), "--tracking-uri", uriWith(MlflowServerExtension.ADMIN, PASSWORD));
        assertEquals(0, right.exitCode(), right.out() + right.err());
        assertTrue(right.out().contains(MLFLOW.uri() + " reachable, tracking API answers with the credentials given"),
                right.out());
        Cli wrong = Cli.run("doctor", spec.toString(), "--tracking-uri", uriWith(MlflowServerExtension.ADMIN, WRONG));
        assertEquals(1, wrong.exitCode(), wrong.out() + wrong.err());
        assertTrue(wrong.out().contains("is up but refuses requests with the credentials given (HTTP 401)"), wrong.out());
        assertTrue(wrong.err().contains("error: MLflow: set MLFLOW_TRACKING_USERNAME"), wrong.err());
        Cli none = Cli.run("doctor", spec.toString(), "--tracking-uri", MLFLOW.uri());
        assertEquals(1, none.exitCode(), none.out() + none.err());
        assertTrue(none.out().contains("refuses requests without credentials (HTTP 401)"), none.out());
        String printed = right.out() + right.err() + wrong.out() + wrong.err();
        assertTrue(!printed.contains(PASSWORD) && !printed.contains(WRONG), printed);
    }

    /** Warnings saying {@code text} (another test's --debug may have left DEBUG lines on in this JVM). */
    private static long lines(String log, String text) {
        return log.lines().filter(l -> l.contains(" WARN ") && l.contains(text)).count();
    }

    /** The secret in no file under the roots, nor in what was printed: as typed, URL-encoded, or in a Basic header. */
    private static void assertNoSecret(List<Path> roots, String printed, String secret) throws IOException {
        List<String> forms = List.of(secret, java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8),
                Base64.getEncoder().encodeToString((MlflowServerExtension.ADMIN + ":" + secret).getBytes(StandardCharsets.UTF_8)));
        for (String form : forms) assertTrue(!printed.contains(form), "printed output holds the secret");
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            try (Stream<Path> all = Files.walk(root)) {
                all.filter(Files::isRegularFile).forEach(files::add);
            }
        }
        assertTrue(files.size() > 10, "the runs left their files: " + files);
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            for (String form : forms) assertTrue(!text.contains(form), f + " holds the secret");
        }
    }
}
