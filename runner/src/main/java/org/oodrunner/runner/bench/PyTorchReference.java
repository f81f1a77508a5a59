package org.oodrunner.runner.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.SpecJson;

/**
 * One network of benchmarks/pytorch/reference_models.py in a PyTorch process kept running
 * ({@code bench.py NETWORK --serve}): built once, it times a round (training steps, then
 * scoring) on each request, so its rounds can alternate with the framework's.
 */
final class PyTorchReference implements AutoCloseable {
    /** Images per wall-clock second and per second of the process's CPU time, of one round. */
    record Round(double train, double score, double trainPerCpuSecond, double scorePerCpuSecond) {}

    private final Process process;
    private final BufferedReader out;
    private final Writer in;
    private final Path log;
    private final JsonNode info;

    PyTorchReference(Path python, Path benchDir, String network) {
        try {
            this.log = Files.createTempFile("pytorch-" + network, ".log");
            ProcessBuilder pb = new ProcessBuilder(List.of(python.toString(), "bench.py", network, "--serve"))
                    .directory(benchDir.toFile()).redirectError(log.toFile());
            // PyTorch's OpenMP threads spin while waiting by default; on a machine shared with
            // other work that made it 5-10x slower in our measurements: let them sleep, unless set.
            pb.environment().putIfAbsent("OMP_WAIT_POLICY", "PASSIVE");
            this.process = pb.start();
            this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
            this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
            JsonNode ready = readLine();
            if (!ready.has("ready")) throw failed("unexpected first line " + ready);
            this.info = ready.get("ready");
        } catch (IOException e) {
            throw new RunFailedException("cannot start " + python + " bench.py " + network + ": " + e.getMessage());
        }
    }

    /** What the process reports about itself: parameters, torch version, threads, batch sizes. */
    JsonNode info() {
        return info;
    }

    Round round(int steps, int scoreImages) {
        try {
            in.write("round " + steps + " " + scoreImages + "\n");
            in.flush();
            JsonNode r = readLine();
            if (!r.has("train_img_per_s")) throw failed("unexpected answer " + r);
            return new Round(r.get("train_img_per_s").asDouble(), r.get("score_img_per_s").asDouble(),
                    r.get("train_img_per_cpu_s").asDouble(), r.get("score_img_per_cpu_s").asDouble());
        } catch (IOException e) {
            throw failed(e.getMessage());
        }
    }

    private JsonNode readLine() throws IOException {
        String line = out.readLine();
        if (line == null) throw failed("it ended");
        return SpecJson.mapper().readTree(line);
    }

    private RunFailedException failed(String what) {
        String tail = "";
        try {
            List<String> lines = Files.readAllLines(log);
            tail = String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException | RuntimeException e) {
            // no log to show
        }
        return new RunFailedException("the PyTorch reference failed: " + what + (tail.isEmpty() ? "" : "; its last "
                + "lines: " + tail));
    }

    @Override
    public void close() {
        try {
            in.close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) process.destroyForcibly();
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException e) {
                // a temporary file left behind
            }
        }
    }
}
