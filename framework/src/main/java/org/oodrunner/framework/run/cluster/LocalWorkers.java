package org.oodrunner.framework.run.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.function.IntConsumer;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.grid.FrozenGrid;
import org.oodrunner.framework.run.grid.PointTasks;

/**
 * Runs the pending points of a frozen grid on this machine, up to {@code jobs} at a time, each
 * in its own process ({@code runner run --point GRID INDEX}, the same as a Slurm array task), so
 * points run in parallel and a crash ends one point only. With devices, each process sees one
 * ({@code CUDA_VISIBLE_DEVICES}): a slot's device is busy until its point ends. Each point's output
 * goes to {@code local/logs/<index>.out} in the grid's record.
 */
public final class LocalWorkers {
    private final List<String> command;
    private final int jobs;
    private final List<String> devices;

    /** @param command starts the runner: the words before {@code run --point GRID INDEX} */
    public LocalWorkers(List<String> command, int jobs, List<String> devices) {
        if (jobs < 1) throw new IllegalArgumentException("jobs must be at least 1");
        this.command = List.copyOf(command);
        this.jobs = devices.isEmpty() ? jobs : Math.min(jobs, devices.size());
        this.devices = List.copyOf(devices);
    }

    /** Runs every pending point and returns when all have ended; {@code onEnd} hears each index as it ends. */
    public void run(FrozenGrid frozen, IntConsumer onEnd) {
        RunFiles grid = frozen.grid();
        record(grid, frozen);
        Deque<Integer> queue = new ArrayDeque<>(frozen.pending());
        List<Worker> running = new ArrayList<>();
        Deque<Integer> freeSlots = new ArrayDeque<>();
        for (int s = 0; s < jobs; s++) freeSlots.add(s);
        try {
            while (!queue.isEmpty() || !running.isEmpty()) {
                while (!queue.isEmpty() && !freeSlots.isEmpty()) running.add(start(grid, queue.poll(), freeSlots.poll()));
                Worker done = awaitAny(running);
                running.remove(done);
                freeSlots.add(done.slot());
                onEnd.accept(done.index());
            }
        } finally {
            // Interrupted (Ctrl-C reaches the workers too): give them their grace to checkpoint.
            for (Worker w : running) {
                try {
                    w.process().waitFor();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
    }

    private Worker start(RunFiles grid, int index, int slot) {
        List<String> cmd = new ArrayList<>(command);
        cmd.addAll(List.of("run", "--point", grid.dir().toString(), String.valueOf(index)));
        Path log = grid.dir().resolve(String.format(Locale.ROOT, "local/logs/%03d.out", index));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            if (!devices.isEmpty()) pb.environment().put("CUDA_VISIBLE_DEVICES", devices.get(slot));
            return new Worker(index, slot, pb.start());
        } catch (IOException e) {
            throw new RunFailedException("cannot start a worker for point " + index + " (`" + String.join(" ", cmd) + "`): "
                    + e.getMessage());
        }
    }

    private static Worker awaitAny(List<Worker> running) {
        while (true) {
            for (Worker w : running) {
                if (!w.process().isAlive()) return w;
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new RunFailedException("interrupted while waiting for the grid's workers");
            }
        }
    }

    private void record(RunFiles grid, FrozenGrid frozen) {
        ObjectNode run = grid.readRun();
        ArrayNode list = run.has("jobs") ? (ArrayNode) run.get("jobs") : run.putArray("jobs");
        ObjectNode job = list.addObject();
        job.put("executor", "local");
        job.put("jobs", jobs);
        job.put("devices", String.join(",", devices));
        job.put("pid", ProcessHandle.current().pid());
        job.put("submitted", Instant.now().toString());
        grid.writeJson(grid.runJson(), run);
        for (int i : frozen.pending()) {
            ObjectNode task = JsonNodeFactory.instance.objectNode();
            task.put("state", PointTasks.SUBMITTED);
            task.put("executor", "local");
            PointTasks.write(grid, i, task);
        }
    }

    private record Worker(int index, int slot, Process process) {}
}
