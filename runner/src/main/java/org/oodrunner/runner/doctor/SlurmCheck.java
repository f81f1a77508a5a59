package org.oodrunner.runner.doctor;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/** The Slurm client commands a cluster grid uses, looked up on PATH. Local runs need none of them. */
final class SlurmCheck {
    static final List<String> COMMANDS = List.of("sbatch", "squeue", "sacct", "scontrol");

    private SlurmCheck() {}

    static Finding check(Function<String, String> env) {
        String path = env.apply("PATH");
        List<String> found = COMMANDS.stream().filter(c -> onPath(c, path)).toList();
        List<String> missing = COMMANDS.stream().filter(c -> !found.contains(c)).toList();
        if (found.isEmpty()) {
            return Finding.note("Slurm", "no Slurm commands on PATH (" + String.join(", ", COMMANDS)
                    + "): grids run on this machine only");
        }
        if (missing.isEmpty()) return Finding.ok("Slurm", "found " + String.join(", ", found));
        return Finding.note("Slurm", "found " + String.join(", ", found) + "; not found: " + String.join(", ", missing)
                + (missing.equals(List.of("sacct")) ? " (runner status works without accounting)" : ""));
    }

    private static boolean onPath(String command, String path) {
        if (path == null) return false;
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) return true;
        }
        return false;
    }
}
