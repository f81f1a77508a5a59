package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.errors.BadInputException;

class MlflowTargetTest {
    private static Function<String, String> env(Map<String, String> vars) {
        return vars::get;
    }

    private static Optional<String> uri(String cli, String spec, Map<String, String> vars) {
        return MlflowTarget.resolve(cli, spec, env(vars)).map(MlflowTarget::uri);
    }

    @Test
    void theCommandLineWinsOverTheSpecWhichWinsOverTheEnvironment() {
        Map<String, String> vars = Map.of(MlflowTarget.ENV_URI, "http://env:5000");
        assertEquals(Optional.of("http://cli:1"), uri("http://cli:1/", "http://spec:2", vars));
        assertEquals(Optional.of("http://spec:2"), uri(null, "http://spec:2", vars));
        assertEquals(Optional.of("http://env:5000"), uri(null, null, vars));
        assertEquals(Optional.empty(), uri(null, null, Map.of()));
        assertEquals(Optional.empty(), uri("none", "http://spec:2", vars), "--tracking-uri none turns tracking off");
        assertEquals(Optional.empty(), uri(" ", null, Map.of(MlflowTarget.ENV_URI, "")));
    }

    @Test
    void aNonHttpUriIsRefusedFromTheSpecOrCommandLineButIgnoredFromTheEnvironment() {
        BadInputException e = assertThrows(BadInputException.class, () -> uri(null, "file:./mlruns", Map.of()));
        assertTrue(e.getMessage().startsWith("tracking.uri 'file:./mlruns' is not an http(s) URL"), e.getMessage());
        assertThrows(BadInputException.class, () -> uri("databricks", null, Map.of()));
        assertEquals(Optional.empty(), uri(null, null, Map.of(MlflowTarget.ENV_URI, "file:///tmp/mlruns")));
    }

    @Test
    void credentialsComeFromMlflowsOwnVariablesAndNeverShowInTheName() {
        MlflowTarget t = MlflowTarget.resolve("https://mlflow.example.org", null, env(Map.of(
                "MLFLOW_TRACKING_USERNAME", "ann", "MLFLOW_TRACKING_PASSWORD", "secret"))).orElseThrow();
        assertEquals("ann", t.username());
        assertEquals("secret", t.password());
        assertEquals("https://mlflow.example.org", t.toString());
        assertEquals("https://mlflow.example.org/#/experiments/3/runs/abc", t.runUrl("3", "abc"));
    }
}
