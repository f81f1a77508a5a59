package org.oodrunner.framework.run.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.track.RunStatus;

/**
 * Where each point of a grid stands, from the store alone (run.json, metrics.jsonl and the task
 * files) plus, when given, Slurm's queue ({@code squeue}; no accounting database needed).
 */
public final class GridStatus {
    private static final ObjectMapper JSON = new ObjectMapper();

    private GridStatus() {}

    /** The Slurm jobs the grid was submitted as, oldest first. */
    public static List<String> slurmJobs(RunFiles grid) {
        List<String> ids = new ArrayList<>();
        for (JsonNode j : grid.readRun().path("jobs")) {
            if ("slurm".equals(j.path("executor").asText())) ids.add(j.path("job_id").asText());
        }
        return ids;
    }

    /** @param queue Slurm's state by task id ({@code JOB_TASK}) of the tasks still queued or running */
    public static List<PointState> of(RunFiles grid, Map<String, String> queue) {
        List<PointState> out = new ArrayList<>();
        for (FrozenPoint p : GridRecord.points(grid)) {
            RunFiles files = GridCollector.pointFiles(grid, p);
            JsonNode task = PointTasks.read(grid, p.index());
            String slurmTask = task.path("slurm_task").asText("");
            out.add(state(p.index(), p.name(), files, task, slurmTask, queue.getOrDefault(slurmTask, "")));
        }
        return out;
    }

    /** A single run's state (a run directory, not a grid). */
    public static PointState ofRun(RunFiles run) {
        return state(0, run.readRun().path("name").asText(run.dir().getFileName().toString()), run,
                JSON.createObjectNode(), "", "");
    }

    private static PointState state(int index, String name, RunFiles files, JsonNode task, String slurmTask, String queued) {
        JsonNode run = files.readRun();
        String status = run.path("status").asText("");
        String taskState = task.path("state").asText("");
        int requeues = task.path("requeues").asInt(0);
        String state;
        String progress = "";
        String error = "";
        if (RunStatus.FINISHED.name().equals(status)) {
            state = "finished";
        } else if (PointTasks.REQUEUED.equals(taskState)) {
            state = "requeued";
        } else if (PointTasks.SUBMITTED.equals(taskState) || (status.isEmpty() && !PointTasks.ENDED.equals(taskState))) {
            state = "pending";
        } else if (RunStatus.RUNNING.name().equals(status) && !PointTasks.ENDED.equals(taskState)) {
            state = "running";
            progress = progress(files, run);
        } else if (RunStatus.FAILED.name().equals(status)) {
            state = "failed";
            error = run.path("failure").path("message").asText("").split("\n")[0];
        } else if (status.isEmpty()) {
            state = "never ran";
        } else {
            state = "killed";
        }
        return new PointState(index, name, state, progress, requeues, error, slurmTask, queued);
    }

    /** {@code step/total} of training and the time left at the pace of this attempt. */
    private static String progress(RunFiles files, JsonNode run) {
        long total = run.path("training").path("total_steps").asLong(0);
        long step = lastTrainingStep(files);
        if (total <= 0) return "preparing";
        if (step < 0) return "0/" + total;
        String text = step + "/" + total;
        long from = run.path("training").path("steps").asLong(0);
        String started = run.path("started").asText("");
        if (step > from && !started.isEmpty()) {
            Duration spent = Duration.between(Instant.parse(started), Instant.now());
            long left = Math.round(spent.toMillis() * (double) (total - step) / (step - from));
            text += ", ETA " + format(Duration.ofMillis(left));
        }
        return text;
    }

    private static String format(Duration d) {
        long s = d.toSeconds();
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }

    /** The step of the last {@code train/} line of metrics.jsonl (read from its end), or -1. */
    private static long lastTrainingStep(RunFiles files) {
        if (!Files.isRegularFile(files.metrics())) return -1;
        try (RandomAccessFile f = new RandomAccessFile(files.metrics().toFile(), "r")) {
            long len = f.length();
            long start = Math.max(0, len - 65536);
            byte[] tail = new byte[(int) (len - start)];
            f.seek(start);
            f.readFully(tail);
            String[] lines = new String(tail, StandardCharsets.UTF_8).split("\n");
            for (int i = lines.length - 1; i >= 0; i--) {
                if (!lines[i].contains("\"train/")) continue;
                try {
                    return JSON.readTree(lines[i]).path("step").asLong(-1);
                } catch (IOException partial) {
                    // the first line of the tail may be cut
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
