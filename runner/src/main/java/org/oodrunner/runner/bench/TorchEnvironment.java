package org.oodrunner.runner.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * The Python that runs the PyTorch reference: the one named, else OOD_TORCH_PYTHON, else the
 * virtual environment kept in ~/.cache/ood-runner/torch-venv, made on first use from
 * benchmarks/pytorch/requirements.txt (as .ci/run keeps MLflow's in ~/.cache/ood-runner).
 */
final class TorchEnvironment {
    private TorchEnvironment() {}

    static Path defaultVenv() {
        return Path.of(System.getProperty("user.home"), ".cache", "ood-runner", "torch-venv");
    }

    static Path python(Path named, Path requirements, PrintWriter progress) {
        if (named != null) return named;
        String env = System.getenv("OOD_TORCH_PYTHON");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path venv = defaultVenv();
        Path python = venv.resolve("bin/python");
        if (Files.isExecutable(python) && run(List.of(python.toString(), "-c", "import torch"), null) == 0) return python;
        progress.println("# making the PyTorch environment " + venv + " from " + requirements
                + " (PyPI's torch wheel: a large download, once)");
        progress.flush();
        if (run(List.of("python3", "-m", "venv", "--clear", venv.toString()), progress) != 0
                || run(List.of(python.toString(), "-m", "pip", "install", "-q", "--disable-pip-version-check", "-r",
                        requirements.toString()), progress) != 0) {
            throw new RunFailedException("cannot make the PyTorch environment " + venv + " (python3 -m venv, then pip "
                    + "install -r " + requirements + "); make one yourself and pass --python, or use --no-pytorch");
        }
        return python;
    }

    private static int run(List<String> command, PrintWriter progress) {
        try {
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (progress == null) pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
            Process p = pb.start();
            if (progress != null) {
                try (var lines = p.inputReader()) {
                    lines.lines().forEach(l -> {
                        progress.println("#   " + l);
                        progress.flush();
                    });
                }
            }
            return p.waitFor();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
