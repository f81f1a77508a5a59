package org.oodrunner.runner.doctor;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.oodrunner.framework.tf.GpuProbe;

/**
 * GPUs: with the CPU build, only whether the machine has an NVIDIA GPU it could use; with the GPU
 * build, the CUDA 12 and cuDNN 9 libraries TensorFlow 2.18 opens (looked up by file name in
 * ldconfig's cache and in LD_LIBRARY_PATH, as the dynamic loader does) and the GPUs TensorFlow
 * sees (one tiny op pinned to each device in turn).
 */
final class GpuChecks {
    /** The libraries TensorFlow 2.18's CUDA build opens, by soname. */
    static final List<String> CUDA_LIBRARIES = List.of("libcudart.so.12", "libcublas.so.12", "libcublasLt.so.12",
            "libcufft.so.11", "libcusparse.so.12", "libcusolver.so.11", "libcudnn.so.9");
    private static final int MAX_DEVICES = 16;

    private final Function<String, String> env;

    GpuChecks(Function<String, String> env) {
        this.env = env;
    }

    Finding check(TensorFlowBuild build) {
        if (!build.gpu()) {
            if (nvidiaGpuPresent()) {
                return Finding.warn("GPU", "CPU build of TensorFlow: this machine's NVIDIA GPU is not used",
                        "OOD_RUNNER_GPU=1 bin/runner ... builds and runs the GPU build (it needs CUDA 12 and cuDNN 9)");
            }
            return Finding.note("GPU", "CPU build of TensorFlow; no NVIDIA GPU found (no /dev/nvidia0)");
        }
        Map<String, Optional<Path>> libraries = new LinkedHashMap<>();
        List<String> ldconfig = ldconfigCache();
        for (String lib : CUDA_LIBRARIES) libraries.put(lib, find(lib, ldconfig));
        List<String> missing = libraries.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
        List<String> details = new ArrayList<>();
        libraries.forEach((lib, where) -> details.add(lib + ": " + where.map(Path::toString).orElse("not found")));
        int devices = 0;
        String why = null;
        while (devices < MAX_DEVICES) {
            Optional<String> unavailable = GpuProbe.unavailable(devices);
            if (unavailable.isPresent()) {
                why = unavailable.get();
                break;
            }
            devices++;
        }
        String summary = devices + (devices == 1 ? " GPU" : " GPUs") + " seen by TensorFlow"
                + (missing.isEmpty() ? "; CUDA/cuDNN libraries found" : "; missing: " + String.join(", ", missing));
        if (devices == 0 || !missing.isEmpty()) {
            return Finding.missing("GPU", summary, (missing.isEmpty() ? "" : "install CUDA 12 and cuDNN 9 (or add their "
                    + "lib folders to LD_LIBRARY_PATH); ") + (devices == 0 && why != null ? why : "check nvidia-smi"),
                    details.toArray(String[]::new));
        }
        return Finding.ok("GPU", summary, details.toArray(String[]::new));
    }

    private static boolean nvidiaGpuPresent() {
        return Files.exists(Path.of("/dev/nvidia0"));
    }

    private Optional<Path> find(String soname, List<String> ldconfig) {
        String path = env.apply("LD_LIBRARY_PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path candidate = Path.of(dir, soname);
                if (Files.exists(candidate)) return Optional.of(candidate);
            }
        }
        for (String line : ldconfig) {
            String t = line.trim();
            int arrow = t.indexOf("=>");
            if (t.startsWith(soname + " ") && arrow > 0) return Optional.of(Path.of(t.substring(arrow + 2).trim()));
        }
        return Optional.empty();
    }

    /** {@code ldconfig -p}'s lines; empty where it cannot run. */
    private static List<String> ldconfigCache() {
        for (String ldconfig : List.of("/sbin/ldconfig", "/usr/sbin/ldconfig", "ldconfig")) {
            try {
                Process p = new ProcessBuilder(ldconfig, "-p").redirectErrorStream(true).start();
                byte[] out = p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return List.of(new String(out, StandardCharsets.UTF_8).split("\n"));
                }
            } catch (IOException e) {
                // try the next location
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        return List.of();
    }
}
