package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The launcher's stderr filter (bin/libexec/tensorflow-startup-filter.pl) on the lines TensorFlow's
 * CPU and GPU builds print at start-up, as they print them, and on everything else.
 */
class TensorFlowStartupFilterTest {
    private static final Path FILTER = Path.of("..", "bin", "libexec", "tensorflow-startup-filter.pl").toAbsolutePath().normalize();

    private static Process start() throws IOException {
        return new ProcessBuilder("perl", FILTER.toString()).redirectErrorStream(true).start();
    }

    @Test
    void dropsExactlyTheStartUpLinesOfTheCpuAndGpuBuilds() throws Exception {
        String startUp = """
                WARNING: All log messages before absl::InitializeLog() is called are written to STDERR
                I0000 00:00:1796611557.440661   10242 mlir_graph_optimization_pass.cc:401] MLIR V1 optimization pass is not enabled
                E0000 00:00:1733421837.271922   31337 cuda_fft.cc:485] Unable to register cuFFT factory: Attempting to register factory for plugin cuFFT when one has already been registered
                E0000 00:00:1733421837.290271   31337 cuda_dnn.cc:8310] Unable to register cuDNN factory: Attempting to register factory for plugin cuDNN when one has already been registered
                E0000 00:00:1733421837.295713   31337 cuda_blas.cc:1418] Unable to register cuBLAS factory: Attempting to register factory for plugin cuBLAS when one has already been registered
                """;
        String kept = """
                03:04:47 INFO  model gaussian: 1568 parameters
                E0000 00:00:1733421837.295713   31337 session.cc:12] a real TensorFlow error stays
                I am a line that starts like one
                WARNING: something else
                error: interrupted at step 21; resume with runner run --resume runs/x
                """;
        Process p = start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        try (OutputStream in = p.getOutputStream()) {
            in.write((startUp + kept + "\rtrain 1/10\rtrain 2/10").getBytes(StandardCharsets.UTF_8));
        }
        try {
            assertEquals(kept + "\rtrain 1/10\rtrain 2/10", out.get(2, TimeUnit.MINUTES), "the rest, byte for byte");
            assertEquals(0, p.waitFor());
        } finally {
            p.destroyForcibly();
        }
    }

    @Test
    void aPartialLineIsPassedAtOnceUnlessItMayBecomeAStartUpLine() throws Exception {
        Process p = start();
        try (OutputStream in = p.getOutputStream(); InputStream out = p.getInputStream()) {
            // A progress bar redraws its line without ending it: it must show before the line ends.
            in.write("\rtrain 3/10  12.0/s".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("\rtrain 3/10  12.0/s", readExactly(out, 19));
            // "WARN" may still become absl's warning: held until the line says what it is.
            in.write("WARN".getBytes(StandardCharsets.UTF_8));
            in.flush();
            in.write("ING: disk almost full\n".getBytes(StandardCharsets.UTF_8));
            in.flush();
            assertEquals("WARNING: disk almost full\n", readExactly(out, 26));
        } finally {
            p.destroyForcibly();
        }
    }

    private static String readExactly(InputStream in, int n) throws Exception {
        // A hang guard only: the bytes are expected at once.
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(in.readNBytes(n), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }).get(2, TimeUnit.MINUTES);
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
