package org.oodrunner.framework.track.mlflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ProxiedArtifactsTest {
    private final ProxiedArtifacts artifacts = new ProxiedArtifacts(MlflowTarget.of("http://127.0.0.1:5000/", "test", k -> null));

    @Test
    void aRunsArtifactUriBecomesTheProxyUrlOfEachFile() {
        assertEquals("http://127.0.0.1:5000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/plots/roc%20curve.png",
                artifacts.url("mlflow-artifacts:/1/abc/artifacts", "plots/roc curve.png").toString());
        assertEquals("http://other:6000/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts/a%5B0%5D.csv",
                artifacts.url("mlflow-artifacts://other:6000/1/abc/artifacts", "a[0].csv").toString());
        assertEquals("https://proxy/api/2.0/mlflow-artifacts/artifacts/9/r/artifacts/x.json",
                artifacts.url("https://proxy/api/2.0/mlflow-artifacts/artifacts/9/r/artifacts/", "x.json").toString());
    }

    @Test
    void onlyProxiedArtifactRootsAreSupported() {
        assertTrue(artifacts.supports("mlflow-artifacts:/1/abc/artifacts"));
        assertTrue(artifacts.supports("http://h/api/2.0/mlflow-artifacts/artifacts/1/abc/artifacts"));
        assertFalse(artifacts.supports("s3://bucket/1/abc/artifacts"));
        assertFalse(artifacts.supports("./mlruns/1/abc/artifacts"));
        assertFalse(artifacts.supports(null));
    }
}
