package org.oodrunner.runner.doctor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.runner.Cli;

/** {@code runner doctor} on this machine: the real TensorFlow, CPU, data root and PATH. */
class DoctorCommandTest {
    private static final List<String> ITEMS =
            List.of("Java", "TensorFlow", "CPU", "oneDNN", "GPU", "JavaCPP cache", "data", "MLflow", "Slurm");

    @Test
    void anEmptyDataRootIsMissingDataAndNamesTheFetchCommand(@TempDir Path empty) {
        Cli cli = Cli.run("doctor", "--data-root", empty.toString(), "--tracking-uri", "none");
        assertEquals(1, cli.exitCode(), cli.out() + cli.err());
        for (String item : ITEMS) assertTrue(cli.out().contains(item), item + " missing from:\n" + cli.out());
        assertTrue(cli.out().contains("MISSING  data"), cli.out());
        assertTrue(cli.err().contains("error: data: missing mnist/train_first10k: runner data fetch mnist/train_first10k"),
                cli.err());
        assertTrue(cli.out().contains("ok       TensorFlow     2."), "TensorFlow loads: " + cli.out());
        assertFalse(cli.printedStackTrace(), cli.err());
    }

    @Test
    void withEverythingASpecNeedsPresentItExitsZero(@TempDir Path tmp) throws IOException {
        Path spec = tmp.resolve("noise.yaml");
        Files.writeString(spec, """
                name: noise_only
                data:
                  train: {dataset: uniform_noise, split: train, count: 64, height: 8, width: 8, channels: 1}
                  test: {dataset: uniform_noise, split: test, count: 16, height: 8, width: 8, channels: 1}
                  ood: [{dataset: gaussian_noise, split: test, count: 16, height: 8, width: 8, channels: 1}]
                model: {type: gaussian}
                """);
        Cli cli = Cli.run("doctor", spec.toString(), "--data-root", tmp.resolve("empty").toString(), "--tracking-uri", "none");
        assertEquals(0, cli.exitCode(), cli.out() + cli.err());
        assertTrue(cli.out().contains("this machine can run experiments"), cli.out());
        assertTrue(cli.out().contains("needed by " + spec + ": uniform_noise/train"), cli.out());
        assertTrue(cli.out().contains("oneDNN         on (TF_ENABLE_ONEDNN_OPTS=1)"), "the test JVM's setting: " + cli.out());
        assertTrue(cli.out().contains("no tracking server set"), cli.out());
    }

    @Test
    void anUnreachableTrackingServerIsMissingAndItsCredentialsAreNotShown(@TempDir Path tmp) throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Path spec = tmp.resolve("noise.yaml");
        Files.writeString(spec, """
                name: noise_only
                data:
                  train: {dataset: uniform_noise, split: train, count: 64, height: 8, width: 8, channels: 1}
                  test: {dataset: uniform_noise, split: test, count: 16, height: 8, width: 8, channels: 1}
                  ood: [{dataset: gaussian_noise, split: test, count: 16, height: 8, width: 8, channels: 1}]
                model: {type: gaussian}
                """);
        Cli cli = Cli.run("doctor", spec.toString(), "--tracking-uri", "http://alice:Sup3rSecretPw@127.0.0.1:" + port);
        assertEquals(1, cli.exitCode(), cli.out() + cli.err());
        assertTrue(cli.out().contains("http://127.0.0.1:" + port + " cannot be reached"), cli.out());
        assertTrue(cli.err().contains("error: MLflow: start the server") && cli.err().contains("runner sync"), cli.err());
        assertFalse((cli.out() + cli.err()).contains("Sup3rSecretPw"), cli.out() + cli.err());
        assertFalse((cli.out() + cli.err()).contains("alice"), cli.out() + cli.err());
    }
}
