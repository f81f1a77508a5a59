package org.oodrunner.runner.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.runner.Cli;

/**
 * Grid axes whose values are null, lists or maps run like any other grid: the grid's record
 * keeps the values as written (realnvp_masks_grid.yaml's {@code bottleneck: [null, 16]} once
 * stopped every run with a NullPointerException).
 */
class GridValuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path data;

    @TempDir
    Path work;

    @BeforeAll
    static void writeData() throws IOException {
        TinyData.write(data);
    }

    @Test
    void nullListAndMapValuesAreGridPoints() throws IOException {
        Path spec = work.resolve("values.yaml");
        Files.writeString(spec, TinyData.spec("values", "grid-values", 2, """
                grid:
                  data.ood[0].classes: [null, [0, 1]]
                  train.optimizer: [{type: adam, lr: 0.01}, {type: adamax, lr: 0.002}]
                """));
        Path store = work.resolve("runs");
        Cli r = Cli.run("run", spec.toString(), "--out", store.toString(), "--data-root", data.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertFalse(r.printedStackTrace(), r.err());

        JsonNode grid = LocalStore.runJson(LocalStore.only(store, "values-grid-"));
        assertEquals("[null,[0,1]]", JSON.writeValueAsString(grid.path("axes").path("data.ood[0].classes")));
        assertEquals("[{\"type\":\"adam\",\"lr\":0.01},{\"type\":\"adamax\",\"lr\":0.002}]",
                JSON.writeValueAsString(grid.path("axes").path("train.optimizer")));
        assertEquals(4, grid.path("points").size());
        List<Path> points;
        try (Stream<Path> s = Files.list(store)) {
            points = s.filter(p -> p.getFileName().toString().startsWith("values-") && !p.getFileName().toString().contains("-grid-"))
                    .toList();
        }
        assertEquals(4, points.size());
        for (Path p : points) {
            assertEquals("FINISHED", LocalStore.runJson(p).path("status").asText(), p.toString());
            JsonNode ood = JSON.readTree(p.resolve("results.json").toFile()).path("datasets");
            int n = 0;
            for (JsonNode d : ood) {
                if ("ood".equals(d.path("role").asText())) n = d.path("n").asInt();
            }
            boolean twoClasses = LocalStore.runJson(p).path("axes").path("data.ood[0].classes").isArray();
            // 32 digits, labels cycling 0..9: classes [0, 1] keep 8 of them (0, 1, 10, 11, ..., 31).
            assertEquals(twoClasses ? 8 : 32, n, p.toString());
        }
    }
}
