package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

class SpecComposerTest {
    @TempDir
    Path dir;

    private MapNode compose(String name) {
        return new SpecComposer(new YamlSpecReader()).compose(dir.resolve(name), name);
    }

    private void write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void extendsMergesMappingsDeeplyAndReplacesEverythingElse() throws IOException {
        write("base/base.yaml", "name: base\nmodel: {type: glow, levels: 3, steps: 32}\nscorers: [a, b]\n");
        write("child.yaml", "extends: base/base.yaml\nmodel: {levels: 2}\nscorers: [c]\n");
        Object plain = Nodes.toPlain(compose("child.yaml"));
        assertEquals(Map.of("name", "base", "model", Map.of("type", "glow", "levels", 2L, "steps", 32L),
                "scorers", List.of("c")), plain);
    }

    @Test
    void basesAreRelativeToTheExtendingFileAndApplyInOrder() throws IOException {
        write("a/one.yaml", "seed: 1\nname: one\n");
        write("a/two.yaml", "seed: 2\n");
        write("a/b/c.yaml", "extends: [../one.yaml, ../two.yaml]\n");
        MapNode m = compose("a/b/c.yaml");
        assertEquals(Map.of("seed", 2L, "name", "one"), Nodes.toPlain(m));
        assertEquals("a/one.yaml", m.get("name").position().source());
    }

    @Test
    void cyclesAreRefusedWithTheChain() throws IOException {
        write("x.yaml", "extends: y.yaml\n");
        write("y.yaml", "extends: z.yaml\n");
        write("z.yaml", "extends: x.yaml\n");
        SpecError e = assertThrows(SpecError.class, () -> compose("x.yaml"));
        assertTrue(e.getMessage().contains("x.yaml -> y.yaml -> z.yaml -> x.yaml"), e.getMessage());
        assertEquals(new Position("z.yaml", 1, 10), e.position());
    }

    @Test
    void aMissingBaseNamesWhereItWasNamed() throws IOException {
        write("x.yaml", "name: x\nextends: nowhere.yaml\n");
        SpecError e = assertThrows(SpecError.class, () -> compose("x.yaml"));
        assertEquals(new Position("x.yaml", 2, 10), e.position());
        assertTrue(e.getMessage().contains("nowhere.yaml"), e.getMessage());
    }
}
