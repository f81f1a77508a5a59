package org.oodrunner.framework.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.stages.ExportStage;
import org.oodrunner.framework.tf.Checkpoints;
import org.oodrunner.framework.tf.SavedModelExport;

/**
 * Checks what a run directory holds without changing it ({@code runner verify}): its records
 * parse, every checkpoint's and the SavedModel's files match their recorded sizes and checksums.
 * Says for each item whether it is intact, and what is wrong when it is not.
 */
public final class RunVerifier {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One item of a run directory and what checking it found. */
    public record Finding(String item, boolean intact, String detail) {}

    private RunVerifier() {}

    public static List<Finding> verify(Path dir) {
        RunFiles files = new RunFiles(dir);
        if (!Files.isDirectory(dir) || !Files.exists(files.runJson()) && !Files.exists(files.spec())) {
            throw new BadInputException(dir + " is not a run directory (it has no run.json or spec.yaml); give a "
                    + "directory under the run store, e.g. runs/<name>-<hash>");
        }
        List<Finding> out = new ArrayList<>();
        JsonNode run = json(files.runJson(), "run.json", true, out);
        String status = run == null ? "" : run.path("status").asText("");
        text(files.spec(), "spec.yaml", out);
        json(files.effectiveSpec(), "spec.effective.json", true, out);
        json(files.params(), "params.json", false, out);
        json(files.tags(), "tags.json", false, out);
        metrics(files.metrics(), out);
        boolean finished = "FINISHED".equals(status);
        json(files.results(), "results.json", finished, out);
        Path scores = files.artifacts().resolve("scores.csv");
        if (Files.exists(scores) || finished) text(scores, "artifacts/scores.csv", out);
        Path savedModel = files.artifacts().resolve(ExportStage.DIR);
        if (Files.isDirectory(savedModel)) {
            List<String> problems = SavedModelExport.check(savedModel);
            out.add(new Finding("artifacts/" + ExportStage.DIR, problems.isEmpty(),
                    problems.isEmpty() ? "every file matches its checksum" : String.join("; ", problems)));
        }
        checkpoints(files.checkpoints(), out);
        return out;
    }

    private static void checkpoints(Path root, List<Finding> out) {
        if (!Files.isDirectory(root)) return;
        Checkpoints checkpoints = new Checkpoints(root, () -> 0);
        List<Checkpoints.Check> checks = checkpoints.checkAll();
        boolean newestIntactFound = false;
        for (Checkpoints.Check c : checks) {
            String name = "checkpoints/" + c.dir().getFileName();
            if (c.intact()) {
                String detail = "step " + c.checkpoint().state().step() + (c.checksummed() ? ", every file matches its "
                        + "checksum" : ", no checksums recorded (an older version wrote it)");
                if (!newestIntactFound) detail += "; a resumed run starts here";
                newestIntactFound = true;
                out.add(new Finding(name, true, detail));
            } else {
                out.add(new Finding(name, false, c.verdict()));
            }
        }
        if (checks.isEmpty() && Files.exists(root.resolve("index.json"))) {
            out.add(new Finding("checkpoints", false, "index.json names checkpoints but none is left"));
        }
    }

    private static JsonNode json(Path file, String name, boolean required, List<Finding> out) {
        if (!Files.exists(file)) {
            if (required) out.add(new Finding(name, false, "missing"));
            return null;
        }
        try {
            JsonNode n = JSON.readTree(file.toFile());
            if (n == null || n.isMissingNode()) throw new IOException("empty");
            String detail = "parses";
            if (name.equals("run.json")) detail += "; status " + n.path("status").asText("unknown");
            out.add(new Finding(name, true, detail));
            return n;
        } catch (IOException e) {
            out.add(new Finding(name, false, "not valid JSON (" + firstLine(e.getMessage()) + ")"));
            return null;
        }
    }

    private static void text(Path file, String name, List<Finding> out) {
        try {
            long size = Files.size(file);
            out.add(new Finding(name, size > 0, size > 0 ? size + " bytes" : "empty"));
        } catch (IOException e) {
            out.add(new Finding(name, false, Files.exists(file) ? "unreadable (" + e.getMessage() + ")" : "missing"));
        }
    }

    private static void metrics(Path file, List<Finding> out) {
        if (!Files.exists(file)) return;
        long rows = 0;
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            while ((line = r.readLine()) != null) {
                rows++;
                JsonNode n;
                try {
                    n = JSON.readTree(line);
                } catch (IOException e) {
                    n = null;
                }
                if (n == null || !n.hasNonNull("key") || !n.has("value") || !n.has("step")) {
                    out.add(new Finding("metrics.jsonl", false, "line " + rows + " is not a metric row (cut short?); "
                            + "running the run again cuts the log back to its checkpoint"));
                    return;
                }
            }
        } catch (IOException e) {
            out.add(new Finding("metrics.jsonl", false, "unreadable (" + e.getMessage() + ")"));
            return;
        }
        out.add(new Finding("metrics.jsonl", true, rows + " rows parse"));
    }

    private static String firstLine(String m) {
        if (m == null) return "";
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }
}
