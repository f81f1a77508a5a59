package org.oodrunner.runner.doctor;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.oodrunner.framework.tf.CpuInfo;
import org.oodrunner.framework.tf.OneDnnSetting;
import org.tensorflow.TensorFlow;

/** The Java runtime, the CPU, oneDNN, TensorFlow's native library and where JavaCPP unpacks it. */
final class RuntimeChecks {
    private RuntimeChecks() {}

    static Finding java() {
        Runtime.Version v = Runtime.version();
        String summary = System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ", "
                + System.getProperty("java.vendor") + "), max heap " + gb(Runtime.getRuntime().maxMemory());
        if (v.feature() < 17) {
            return Finding.missing("Java", summary, "install Java 17 or newer (e.g. apt-get install openjdk-17-jre-headless)");
        }
        return Finding.ok("Java", summary);
    }

    static Finding cpu(CpuInfo cpu) {
        String summary = cpu.model() + ", " + Runtime.getRuntime().availableProcessors() + " cores available: "
                + cpu.vectorFeatures();
        if (!cpu.flags().isEmpty() && !cpu.has("avx")) {
            return Finding.missing("CPU", summary, "TensorFlow's build needs a CPU with AVX; run on a newer machine");
        }
        if (!cpu.flags().isEmpty() && !cpu.has("avx512f")) {
            return Finding.note("CPU", summary, "no AVX-512: TensorFlow's kernels use 256-bit AVX2 vectors here");
        }
        return Finding.ok("CPU", summary);
    }

    static Finding oneDnn(OneDnnSetting setting) {
        if (setting.on()) return Finding.ok("oneDNN", setting.toString());
        return Finding.warn("oneDNN", setting.toString(),
                "oneDNN's kernels trained a RealNVP 25-35% faster on an AVX2 CPU: with bin/runner, unset OOD_RUNNER_ONEDNN "
                        + "and TF_ENABLE_ONEDNN_OPTS (it sets 1); otherwise set TF_ENABLE_ONEDNN_OPTS=1 before the JVM starts");
    }

    /** Loads TensorFlow's native library (the first use unpacks it into the JavaCPP cache). */
    static Finding tensorflow(TensorFlowBuild build) {
        try {
            String version = TensorFlow.version();
            return Finding.ok("TensorFlow", version + ", " + build.describe());
        } catch (RuntimeException | LinkageError e) {
            return Finding.missing("TensorFlow", "the native library does not load: " + e, "rebuild the runner (delete "
                    + "runner/target and run bin/runner again) and check that the JavaCPP cache below is writable; "
                    + "TensorFlow Java needs Linux x86-64 with glibc 2.28 or newer");
        }
    }

    static Finding javacppCache() {
        String dir = System.getProperty("org.bytedeco.javacpp.cachedir");
        if (dir == null || dir.isBlank()) {
            Path home = Path.of(System.getProperty("user.home"), ".javacpp", "cache");
            return Finding.warn("JavaCPP cache", home + " (JavaCPP's default)",
                    "start the runner through bin/runner, which keeps the 683 MB TensorFlow unpacks in one stable place "
                            + "(-Dorg.bytedeco.javacpp.cachedir)");
        }
        Path path = Path.of(dir);
        if (!Files.isDirectory(path)) {
            return Finding.missing("JavaCPP cache", path + " does not exist", "create it (mkdir -p " + path
                    + ") or point OOD_RUNNER_JAVACPP_CACHE to a writable folder");
        }
        String size = gb(sizeOf(path));
        if (!Files.isWritable(path)) {
            return Finding.warn("JavaCPP cache", path + " (" + size + ", not writable)",
                    "make it writable or point OOD_RUNNER_JAVACPP_CACHE to a writable folder: a new TensorFlow version unpacks there");
        }
        return Finding.ok("JavaCPP cache", path + " (" + size + ", writable)");
    }

    private static long sizeOf(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> {
                try {
                    return Files.size(f);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    static String gb(long bytes) {
        return String.format(Locale.ROOT, "%.1f GB", bytes / 1e9);
    }
}
