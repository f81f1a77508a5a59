package org.oodrunner.runner.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.SpecJson;

/**
 * Traced runs as a Chrome trace file (the JSON trace-event format that chrome://tracing and
 * Perfetto open): one process per profile (training, scoring), one row per TensorFlow thread,
 * one box per op, named by op and coloured by type.
 */
final class ChromeTrace {
    private ChromeTrace() {}

    static void write(Path file, Map<String, StepProfile> profiles) {
        ObjectNode root = SpecJson.mapper().createObjectNode();
        ArrayNode events = root.putArray("traceEvents");
        int pid = 0;
        for (Map.Entry<String, StepProfile> p : profiles.entrySet()) {
            pid++;
            ObjectNode meta = events.addObject();
            meta.put("name", "process_name").put("ph", "M").put("pid", pid);
            meta.putObject("args").put("name", p.getKey());
            for (StepProfile.OpRun op : p.getValue().ops()) {
                ObjectNode e = events.addObject();
                e.put("name", op.name()).put("cat", op.type()).put("ph", "X").put("pid", pid).put("tid", op.thread())
                        .put("ts", op.startMicros()).put("dur", op.micros());
                e.putObject("args").put("type", op.type()).put("layer", op.layer()).put("pass",
                        op.part().name().toLowerCase(java.util.Locale.ROOT)).put("run", op.run());
            }
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
            SpecJson.mapper().writeValue(file.toFile(), root);
        } catch (IOException e) {
            throw new RunFailedException("cannot write the trace " + file + ": " + e.getMessage());
        }
    }
}
