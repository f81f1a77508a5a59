package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real single-node Slurm cluster for the tests of a class: a generated {@code slurm.conf} in a
 * temporary folder (this host as controller and only node, with its CPUs and memory;
 * {@code proctrack/linuxproc}, {@code task/none}, {@code select/cons_tres}; state, spool, logs and
 * pid files beside it; free ports), {@code munged} started if none answers, then
 * {@code slurmctld} and {@code slurmd}; ready when {@code sinfo} shows the node idle. Clients find
 * it through {@code SLURM_CONF} ({@link #environment()}). Daemons need root: elsewhere the tests
 * are skipped with one line, unless {@code OOD_REQUIRE_SLURM=1} (CI), which makes that a failure.
 * Register as a static field with {@code @RegisterExtension}.
 */
final class SlurmCluster implements BeforeAllCallback, AfterAllCallback {
    private static final Duration READY_LIMIT = Duration.ofMinutes(2);

    private Path dir;
    private Path conf;

    Map<String, String> environment() {
        return Map.of("SLURM_CONF", conf.toString());
    }

    Path conf() {
        return conf;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        String missing = missing();
        if (missing != null) {
            if ("1".equals(System.getenv("OOD_REQUIRE_SLURM"))) fail("OOD_REQUIRE_SLURM=1 but " + missing);
            Assumptions.assumeTrue(missing == null, "Slurm tests skipped: " + missing);
        }
        dir = Files.createTempDirectory("ood-slurm-");
        for (String d : List.of("state", "spool", "log")) Files.createDirectories(dir.resolve(d));
        conf = dir.resolve("slurm.conf");
        Files.writeString(conf, config(shortHostName()));
        ensureMunge();
        exec(List.of("slurmctld", "-f", conf.toString()));
        exec(List.of("slurmd", "-f", conf.toString()));
        awaitIdle();
    }

    @Override
    public void afterAll(ExtensionContext context) throws Exception {
        if (conf == null) return;
        run(List.of("scancel", "--full", "-u", "root"));
        for (String pidFile : List.of("slurmd.pid", "slurmctld.pid")) {
            Path p = dir.resolve(pidFile);
            if (!Files.isRegularFile(p)) continue;
            long pid = Long.parseLong(Files.readString(p).trim());
            ProcessHandle.of(pid).ifPresent(h -> {
                h.destroy();
                h.onExit().orTimeout(60, TimeUnit.SECONDS).exceptionally(t -> null).join();
            });
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }

    /** Why this machine cannot run the daemons, or null. */
    private static String missing() {
        if (!"root".equals(System.getProperty("user.name"))) return "the Slurm daemons need root (run the tests as root)";
        for (String tool : List.of("slurmctld", "slurmd", "munged", "sbatch", "squeue", "scontrol", "scancel", "sinfo")) {
            if (!onPath(tool)) return "`" + tool + "` is not installed (apt-get install slurm-wlm munge)";
        }
        return null;
    }

    private static boolean onPath(String tool) {
        for (String d : System.getenv().getOrDefault("PATH", "/usr/bin:/usr/sbin").split(":")) {
            if (Files.isExecutable(Path.of(d, tool))) return true;
        }
        return Files.isExecutable(Path.of("/usr/sbin", tool));
    }

    private String config(String host) throws IOException {
        int cpus = Runtime.getRuntime().availableProcessors();
        long memMb = memTotalMb() * 8 / 10;
        return String.join("\n",
                "ClusterName=oodtest",
                "SlurmctldHost=" + host,
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "SlurmUser=root",
                "SlurmdUser=root",
                "AuthType=auth/munge",
                // Requeued jobs wait for their credential to expire before they start again: 120 s by default.
                "AuthInfo=cred_expire=10",
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_CPU",
                "SchedulerType=sched/backfill",
                "SchedulerParameters=sched_interval=2",
                "StateSaveLocation=" + dir.resolve("state"),
                "SlurmdSpoolDir=" + dir.resolve("spool"),
                "SlurmctldPidFile=" + dir.resolve("slurmctld.pid"),
                "SlurmdPidFile=" + dir.resolve("slurmd.pid"),
                "SlurmctldLogFile=" + dir.resolve("log/slurmctld.log"),
                "SlurmdLogFile=" + dir.resolve("log/slurmd.log"),
                "ReturnToService=2",
                "MpiDefault=none",
                "JobCompType=jobcomp/none",
                "AccountingStorageType=accounting_storage/none",
                "JobAcctGatherType=jobacct_gather/none",
                "MinJobAge=600",
                "NodeName=" + host + " CPUs=" + cpus + " RealMemory=" + memMb + " State=UNKNOWN",
                "PartitionName=debug Nodes=" + host + " Default=YES MaxTime=INFINITE State=UP",
                "");
    }

    private static long memTotalMb() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
            if (line.startsWith("MemTotal:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
        return 1024;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private String shortHostName() throws Exception {
        return run(List.of("hostname", "-s")).strip();
    }

    private void ensureMunge() throws Exception {
        if (exitCode(List.of("sh", "-c", "munge -n | unmunge")) == 0) return;
        Files.createDirectories(Path.of("/run/munge"));
        exec(List.of("munged", "--force"));
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        while (exitCode(List.of("sh", "-c", "munge -n | unmunge")) != 0) {
            if (System.nanoTime() > deadline) fail("munged did not start");
            Thread.sleep(200);
        }
    }

    private void awaitIdle() throws Exception {
        long deadline = System.nanoTime() + READY_LIMIT.toNanos();
        String state = "";
        while (System.nanoTime() < deadline) {
            state = run(List.of("sinfo", "-h", "-o", "%t")).strip();
            if (state.equals("idle")) return;
            Thread.sleep(300);
        }
        fail("the Slurm node is not idle (" + state + "); see " + dir.resolve("log"));
    }

    /** Runs a Slurm client command against this cluster; its output (fails on a non-zero exit). */
    String client(String... cmd) throws Exception {
        return run(List.of(cmd));
    }

    private String run(List<String> cmd) throws Exception {
        Process p = start(cmd);
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(2, TimeUnit.MINUTES) || p.exitValue() != 0) fail(String.join(" ", cmd) + " failed: " + out);
        return out;
    }

    private int exitCode(List<String> cmd) throws Exception {
        Process p = start(cmd);
        p.getInputStream().readAllBytes();
        return p.waitFor(2, TimeUnit.MINUTES) ? p.exitValue() : -1;
    }

    private void exec(List<String> cmd) throws Exception {
        if (exitCode(cmd) != 0) fail(String.join(" ", cmd) + " failed; see " + (dir == null ? "" : dir.resolve("log")));
    }

    private Process start(List<String> cmd) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(cmd)).redirectErrorStream(true);
        if (conf != null) pb.environment().put("SLURM_CONF", conf.toString());
        return pb.start();
    }
}
