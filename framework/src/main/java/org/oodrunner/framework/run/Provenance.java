package org.oodrunner.framework.run;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.oodrunner.framework.tf.OneDnnSetting;
import org.tensorflow.TensorFlow;

/** Where and with what a run was made: code version, runtimes, host. Best effort; never fails a run. */
public final class Provenance {
    private Provenance() {}

    public static Map<String, String> collect(Path specFile) {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("framework_version", frameworkVersion());
        String commit = gitCommit(specFile);
        if (commit != null) p.put("git_commit", commit);
        p.put("java_version", System.getProperty("java.version"));
        p.put("java_vm", System.getProperty("java.vm.name"));
        p.put("tensorflow_version", tensorflowVersion());
        p.put("onednn", OneDnnSetting.current().toString());
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        p.put("host", host());
        p.put("user", System.getProperty("user.name"));
        p.put("cpus", String.valueOf(Runtime.getRuntime().availableProcessors()));
        CpuInfo cpu = CpuInfo.read(Path.of("/proc/cpuinfo"));
        p.put("cpu_model", cpu.model());
        p.put("cpu_vector_features", String.join(" ", cpu.vectorFeatures()));
        command(ProcessHandle.current().info().arguments().orElse(null)).ifPresent(c -> p.put("command", c));
        return p;
    }

    /**
     * The {@code runner} command line of this process: the JVM's arguments after the launcher's
     * main class, as typed; empty when the runner was not started by its launcher (in a test).
     */
    static java.util.Optional<String> command(String[] jvmArguments) {
        if (jvmArguments == null) return java.util.Optional.empty();
        for (int i = 0; i < jvmArguments.length; i++) {
            if (jvmArguments[i].equals("org.oodrunner.runner.Main")) {
                StringBuilder b = new StringBuilder("runner");
                for (int j = i + 1; j < jvmArguments.length; j++) b.append(' ').append(quote(jvmArguments[j]));
                return java.util.Optional.of(b.toString());
            }
        }
        return java.util.Optional.empty();
    }

    /** {@code arg} as a POSIX shell reads it back: bare when safe, else in single quotes. */
    public static String quote(String arg) {
        return arg.matches("[A-Za-z0-9_./:=,@%+-]+") ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }

    /**
     * The words of a command line as {@link #quote} writes them (single quotes, and '\'' for a quote
     * inside them; a backslash escapes one character): its inverse, so a recorded command can be read back.
     */
    public static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '\'') quoted = false;
                else w.append(c);
            } else if (c == '\'') {
                quoted = true;
                inWord = true;
            } else if (c == '\\' && i + 1 < line.length()) {
                w.append(line.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) out.add(w.toString());
                w.setLength(0);
                inWord = false;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) out.add(w.toString());
        return out;
    }

    public static String frameworkVersion() {
        try (InputStream in = Provenance.class.getResourceAsStream("/org/oodrunner/framework/version.properties")) {
            if (in == null) return "unknown";
            Properties props = new Properties();
            props.load(in);
            return props.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    public static String tensorflowVersion() {
        try {
            return TensorFlow.version();
        } catch (RuntimeException | LinkageError e) {
            return "unavailable";
        }
    }

    static String gitCommit(Path near) {
        try {
            Path dir = near == null ? Path.of(".") : near.toAbsolutePath().getParent();
            Process p = new ProcessBuilder("git", "-C", dir.toString(), "rev-parse", "HEAD")
                    .redirectErrorStream(true).start();
            if (!p.waitFor(3, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.exitValue() != 0 || !out.matches("[0-9a-f]{40}")) return null;
            Process dirty = new ProcessBuilder("git", "-C", dir.toString(), "status", "--porcelain", "--untracked-files=no")
                    .redirectErrorStream(true).start();
            boolean clean = dirty.waitFor(3, TimeUnit.SECONDS) && dirty.getInputStream().readAllBytes().length == 0;
            return clean ? out : out + "-dirty";
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            String env = System.getenv("HOSTNAME");
            return env == null ? "unknown" : env;
        }
    }
}
