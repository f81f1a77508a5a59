package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

class InterpolatorTest {
    private final Map<String, String> env = Map.of("SEED", "7", "ROOT", "/data", "EMPTY", "");

    private Object resolve(String yaml) {
        SpecNode n = new YamlSpecReader().read(yaml, "i.yaml");
        return Nodes.toPlain(new Interpolator(env::get).resolve(n));
    }

    @Test
    void environmentValuesAreReadAsYamlScalarsWhenAlone() {
        assertEquals(Map.of("seed", 7L), resolve("seed: ${env:SEED}"));
        assertEquals(Map.of("p", "/data/x"), resolve("p: ${env:ROOT}/x"));
    }

    @Test
    void defaultsApplyWhenTheVariableIsUnsetOrEmpty() {
        assertEquals(Map.of("a", 3L, "b", "d"), resolve("a: ${env:NOPE:-3}\nb: ${env:EMPTY:-d}"));
    }

    @Test
    void referencesKeepTheirTypeAndChain() {
        assertEquals(Map.of("w", 64L, "h", 64L, "n", "w64"), resolve("w: 64\nh: ${w}\nn: w${h}"));
        Object plain = resolve("model: {width: 8}\nst: {hidden: '${model.width}'}\nlist: [a, b]\nfirst: ${list[1]}");
        assertEquals(8L, ((Map<?, ?>) ((Map<?, ?>) plain).get("st")).get("hidden"));
        assertEquals("b", ((Map<?, ?>) plain).get("first"));
    }

    @Test
    void escapedDollarStaysLiteral() {
        assertEquals(Map.of("a", "${not}"), resolve("a: $${not}"));
    }

    @Test
    void missingVariableNamesItAndTheFix() {
        SpecError e = assertThrows(SpecError.class, () -> resolve("x: 1\ny: ${env:MISSING_ONE}"));
        assertEquals(new Position("i.yaml", 2, 4), e.position());
        assertTrue(e.getMessage().contains("MISSING_ONE is not set"), e.getMessage());
        assertTrue(e.getMessage().contains("${env:MISSING_ONE:-VALUE}"), e.getMessage());
    }

    @Test
    void cyclesAndDanglingReferencesAreRefused() {
        assertTrue(assertThrows(SpecError.class, () -> resolve("a: ${b}\nb: ${a}")).getMessage().contains("cycle"));
        assertTrue(assertThrows(SpecError.class, () -> resolve("a: ${nothing.here}")).getMessage()
                .contains("does not set"));
    }
}
