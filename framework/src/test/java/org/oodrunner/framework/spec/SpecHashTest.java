package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpecHashTest {
    @Test
    void keyOrderAndNumberSpellingDoNotChangeTheHash() {
        Map<String, Object> a = new LinkedHashMap<>();
        a.put("name", "x");
        a.put("train", Map.of("epochs", 10L, "lr", 0.001));
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("train", Map.of("lr", 1e-3, "epochs", 10.0));
        b.put("name", "x");
        assertEquals(SpecHash.of(a), SpecHash.of(b));
    }

    @Test
    void trackingAndRuntimeDoNotChangeTheHashButModelDoes() {
        Map<String, Object> a = Map.of("name", "x", "model", Map.of("type", "glow"));
        Map<String, Object> b = Map.of("name", "x", "model", Map.of("type", "glow"),
                "tracking", Map.of("experiment", "other"), "runtime", Map.of("device", "gpu"));
        Map<String, Object> c = Map.of("name", "x", "model", Map.of("type", "realnvp"));
        assertEquals(SpecHash.of(a), SpecHash.of(b));
        assertNotEquals(SpecHash.of(a), SpecHash.of(c));
    }

    @Test
    void hashIsSha256OfTheCanonicalJson() {
        // Pins the canonical form (sorted keys, no spaces, integral numbers bare): if this
        // changes, every stored run's hash changes. Expected value from Python's hashlib.
        Map<String, Object> spec = Map.of("seed", 0L, "scorers", List.of("log_likelihood"), "name", "fixed");
        assertEquals("df9d254d8b85", SpecHash.of(spec));
    }
}
