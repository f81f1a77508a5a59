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

    @Test
    void credentialsInTheUriLeaveItAndBecomeTheTargetsCredentials() {
        MlflowTarget t = MlflowTarget.resolve("https://alice:p%40ss:w0rd@mlflow.example.org:5000/", null,
                env(Map.of("MLFLOW_TRACKING_USERNAME", "bob", "MLFLOW_TRACKING_PASSWORD", "other"))).orElseThrow();
        assertEquals("https://mlflow.example.org:5000", t.uri());
        assertEquals("https://mlflow.example.org:5000", t.toString());
        assertEquals("alice", t.username());
        assertEquals("p@ss:w0rd", t.password(), "URL-decoded, split at the first colon");
        assertEquals(Optional.of("Basic " + java.util.Base64.getEncoder().encodeToString(
                "alice:p@ss:w0rd".getBytes(java.nio.charset.StandardCharsets.UTF_8))), t.authorization());

        MlflowTarget fromEnv = MlflowTarget.resolve(null, null, env(Map.of(MlflowTarget.ENV_URI, "http://carol:s3cret@host:1",
                "MLFLOW_TRACKING_TOKEN", "tok"))).orElseThrow();
        assertEquals("http://host:1", fromEnv.uri());
        assertEquals("carol", fromEnv.username());

        MlflowTarget token = MlflowTarget.resolve("http://host:1", null, env(Map.of("MLFLOW_TRACKING_TOKEN", "tok"))).orElseThrow();
        assertEquals(Optional.of("Bearer tok"), token.authorization());
        assertTrue(token.hasCredentials());
        assertEquals(Optional.empty(), MlflowTarget.resolve("http://host:1", null, env(Map.of())).orElseThrow().authorization());

        BadInputException bad = assertThrows(BadInputException.class, () -> uri("ftp://dave:hunter2@host", null, Map.of()));
        assertTrue(!bad.getMessage().contains("hunter2") && bad.getMessage().contains("ftp://host"), bad.getMessage());
    }

    @Test
    void refusalsOfCredentialsSayWhereTheyComeFromNeverTheirValues() {
        MlflowTarget with = MlflowTarget.of("http://u:topsecret@host:1", "--tracking-uri", env(Map.of()));
        String wrong = MlflowConnection.credentialsProblem(with, 401);
        assertTrue(wrong.startsWith("MLflow at http://host:1 refused the credentials given (HTTP 401"), wrong);
        assertTrue(!wrong.contains("topsecret") && wrong.contains("MLFLOW_TRACKING_PASSWORD"), wrong);
        String none = MlflowConnection.credentialsProblem(MlflowTarget.of("http://host:1", "x", env(Map.of())), 401);
        assertTrue(none.contains("requires a login (HTTP 401)"), none);
        assertTrue(MlflowConnection.credentialsProblem(with, 403).contains("HTTP 403"));
    }
}
