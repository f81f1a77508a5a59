package org.oodrunner.framework.run.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * The Slurm client commands the runner uses ({@code sbatch}, {@code squeue}, {@code scontrol},
 * {@code scancel}), run as processes with the caller's environment (so {@code SLURM_CONF} applies).
 * Only commands every cluster has: no {@code sacct}, which needs an accounting database many
 * clusters lack.
 */
public final class SlurmCommands {
    private static final long PATIENCE_SECONDS = 120;

    /** Submits a batch script; returns the job id. */
    public String sbatch(List<String> options, java.nio.file.Path script) {
        List<String> cmd = new ArrayList<>(List.of("sbatch", "--parsable"));
        cmd.addAll(options);
        cmd.add(script.toString());
        String out = run(cmd, "submitting " + script).trim();
        // --parsable prints "jobid" or "jobid;cluster"
        return out.split(";")[0].trim();
    }

    /** Slurm's state of every array task of the jobs still in the queue, by task id ({@code JOB_TASK}). */
    public Map<String, String> queued(List<String> jobIds) {
        Map<String, String> states = new LinkedHashMap<>();
        if (jobIds.isEmpty()) return states;
        // The whole queue, filtered here: `squeue -j` fails once a job has left Slurm's memory.
        String out = run(List.of("squeue", "-h", "-r", "-o", "%i|%T|%r"), "asking squeue");
        for (String line : out.split("\n")) {
            String[] f = line.trim().split("\\|");
            String job = f[0].contains("_") ? f[0].substring(0, f[0].indexOf('_')) : f[0];
            if (f.length >= 2 && jobIds.contains(job)) states.put(f[0], f[1] + (f.length > 2 && !f[2].isBlank() && !"None".equals(f[2]) ? " (" + f[2] + ")" : ""));
        }
        return states;
    }

    /** Puts a running task back in the queue (it restarts with SLURM_RESTART_COUNT one higher). */
    public void requeue(String taskId) {
        run(List.of("scontrol", "requeue", taskId), "requeueing " + taskId);
    }

    public void cancel(List<String> ids) {
        List<String> cmd = new ArrayList<>(List.of("scancel"));
        cmd.addAll(ids);
        run(cmd, "cancelling " + String.join(", ", ids));
    }

    private static String run(List<String> cmd, String what) {
        Process p;
        try {
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new RunFailedException(what + ": cannot start `" + cmd.get(0) + "` (" + e.getMessage()
                    + "); run this on a machine with the Slurm client commands on its PATH");
        }
        try {
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(PATIENCE_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new RunFailedException(what + ": `" + String.join(" ", cmd) + "` did not answer in " + PATIENCE_SECONDS + " s");
            }
            if (p.exitValue() != 0) {
                throw new RunFailedException(what + ": `" + String.join(" ", cmd) + "` failed (exit " + p.exitValue() + "): "
                        + out.strip().replace('\n', ' '));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RunFailedException(what + ": interrupted");
        }
    }
}
