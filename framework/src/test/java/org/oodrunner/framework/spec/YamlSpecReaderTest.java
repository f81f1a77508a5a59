package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.ScalarNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

class YamlSpecReaderTest {
    private final YamlSpecReader reader = new YamlSpecReader();

    private Object scalar(String yaml) {
        return ((ScalarNode) ((MapNode) reader.read("v: " + yaml, "t.yaml")).get("v")).value();
    }

    @Test
    void plainScalarsFollowTheYaml12CoreSchema() {
        assertEquals(1.0e-3, scalar("1e-3"));
        assertEquals(5L, scalar("5"));
        assertEquals(-2.5, scalar("-2.5"));
        assertEquals(Boolean.TRUE, scalar("true"));
        assertEquals("yes", scalar("yes"));
        assertEquals("off", scalar("off"));
        assertEquals("NO", scalar("NO"));
        assertNull(scalar("null"));
        assertNull(scalar("~"));
        assertEquals("5", scalar("'5'"));
        assertEquals("1e-3", scalar("\"1e-3\""));
        assertEquals(Double.POSITIVE_INFINITY, scalar(".inf"));
        assertEquals(255L, scalar("0xff"));
    }

    @Test
    void everyNodeKnowsItsFileLineAndColumn() {
        MapNode root = (MapNode) reader.read("name: x\nmodel:\n  type: glow\n  levels: 3\n", "exp.yaml");
        MapNode model = (MapNode) root.get("model");
        assertEquals(new Position("exp.yaml", 3, 9), model.get("type").position());
        assertEquals(new Position("exp.yaml", 4, 3), model.keyPosition("levels"));
        assertEquals("exp.yaml:4:11", model.get("levels").position().toString());
    }

    @Test
    void syntaxErrorsNameThePosition() {
        SpecError e = assertThrows(SpecError.class, () -> reader.read("a: [1, 2\nb: 3\n", "bad.yaml"));
        assertEquals("bad.yaml", e.position().source());
        assertTrue(e.position().line() >= 1);
        assertTrue(e.getMessage().startsWith("bad.yaml:"), e.getMessage());
        assertTrue(e.getMessage().contains("YAML syntax error"), e.getMessage());
    }

    @Test
    void duplicateKeysAreRefusedAtTheSecondKey() {
        SpecError e = assertThrows(SpecError.class, () -> reader.read("a: 1\nb: 2\na: 3\n", "d.yaml"));
        assertEquals(new Position("d.yaml", 3, 1), e.position());
        assertTrue(e.getMessage().contains("duplicate key 'a'"), e.getMessage());
    }

    /** Set if the YAML layer ever instantiates this class. */
    static volatile boolean constructed;

    public static final class Canary {
        public Canary() {
            constructed = true;
        }
    }

    @Test
    void globalTagsAreRefusedAndNothingIsConstructed() {
        String tag = "!!" + Canary.class.getName();
        SpecError e = assertThrows(SpecError.class, () -> reader.read("name: " + tag + " []\n", "t.yaml"));
        assertFalse(constructed);
        assertEquals(1, e.position().line());
        assertTrue(e.getMessage().contains("is not allowed"), e.getMessage());
        SpecError local = assertThrows(SpecError.class, () -> reader.read("name: !custom x\n", "t.yaml"));
        assertTrue(local.getMessage().contains("tag"), local.getMessage());
    }

    @Test
    void aliasBombsAreRefusedQuickly() {
        StringBuilder bomb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        String prev = "a";
        for (char c = 'b'; c <= 'i'; c++) {
            bomb.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 9; i++) bomb.append(i == 0 ? "" : ", ").append('*').append(prev);
            bomb.append("]\n");
            prev = String.valueOf(c);
        }
        // A hang guard, not a speed test: unbounded expansion would take hours.
        SpecError e = assertTimeoutPreemptively(Duration.ofMinutes(2),
                () -> assertThrows(SpecError.class, () -> reader.read(bomb.toString(), "bomb.yaml")));
        assertTrue(e.getMessage().contains("alias"), e.getMessage());
    }

    @Test
    void smallAliasExpansionsThatStayUnderTheLimitAreFine() {
        MapNode root = (MapNode) reader.read("base: &b {lr: 0.1}\nother: *b\n", "a.yaml");
        assertInstanceOf(MapNode.class, root.get("other"));
    }

    @Test
    void limitsOnNestingAndSize() {
        YamlSpecReader strict = new YamlSpecReader(new YamlSpecReader.Limits(100, 3, 5, 1000));
        assertThrows(SpecError.class, () -> strict.read("a: {b: {c: {d: {e: 1}}}}", "deep.yaml"));
    }

    @Test
    void anEmptyFileIsAnEmptyMapping() {
        assertInstanceOf(MapNode.class, reader.read("", "empty.yaml"));
    }
}
