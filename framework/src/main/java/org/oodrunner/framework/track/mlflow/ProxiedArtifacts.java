package org.oodrunner.framework.track.mlflow;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Uploads artifacts through the tracking server's proxied artifact API
 * ({@code PUT /api/2.0/mlflow-artifacts/artifacts/<experiment>/<run>/artifacts/<path>}, the raw
 * bytes as body). MLflow's Java client would shell out to Python for this; the proxy needs
 * nothing but HTTP. It serves runs whose artifact URI is {@code mlflow-artifacts:/...} (the
 * default of {@code mlflow server}) or an http(s) URL of that API.
 */
final class ProxiedArtifacts {
    static final String API = "/api/2.0/mlflow-artifacts/artifacts";
    private static final String SCHEME = "mlflow-artifacts:";
    /** Generous for slow links: a minute plus one second per MiB. */
    private static final long BASE_TIMEOUT_S = 60;

    private final MlflowTarget target;
    private final HttpClient http;

    ProxiedArtifacts(MlflowTarget target) {
        this.target = target;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    boolean supports(String artifactUri) {
        return artifactUri != null && (artifactUri.startsWith(SCHEME) || artifactUri.contains(API + "/"));
    }

    void upload(String artifactUri, String path, Path file) {
        URI url = url(artifactUri, path);
        try {
            long size = Files.size(file);
            HttpRequest.Builder req = HttpRequest.newBuilder(url)
                    .timeout(Duration.ofSeconds(BASE_TIMEOUT_S + size / (1024 * 1024)))
                    .header("Content-Type", "application/octet-stream")
                    .PUT(HttpRequest.BodyPublishers.ofFile(file));
            authorize(req);
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            int code = res.statusCode();
            if (code / 100 == 2) return;
            String what = "upload artifact " + path + ": HTTP " + code + " " + res.body().strip();
            if (code == 429 || code >= 500) throw new MlflowUnavailableException("MLflow at " + target + " could not " + what, null);
            throw new MlflowRejectedException("MLflow at " + target + " refused to " + what, code, "", null);
        } catch (FileNotFoundException | java.nio.file.NoSuchFileException e) {
            throw new IllegalStateException("artifact " + file + " vanished while being sent", e);
        } catch (IOException e) {
            throw new MlflowUnavailableException("MLflow at " + target + " is unreachable for artifact " + path + " (" + e + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MlflowUnavailableException("upload of artifact " + path + " interrupted", e);
        }
    }

    /** The proxy URL of {@code path} under a run's artifact URI. */
    URI url(String artifactUri, String path) {
        String base;
        if (artifactUri.startsWith(SCHEME)) {
            String rest = artifactUri.substring(SCHEME.length());
            String root = target.uri();
            if (rest.startsWith("//")) {
                // mlflow-artifacts://host:port/path names the server that proxies them.
                int slash = rest.indexOf('/', 2);
                root = URI.create(target.uri()).getScheme() + "://" + rest.substring(2, slash < 0 ? rest.length() : slash);
                rest = slash < 0 ? "" : rest.substring(slash);
            }
            base = root + API + "/" + rest.replaceAll("^/+", "");
        } else {
            base = artifactUri;
        }
        return URI.create(base.replaceAll("/+$", "") + "/" + encodePath(path));
    }

    private static String encodePath(String path) {
        StringBuilder sb = new StringBuilder();
        for (String segment : path.split("/")) {
            if (segment.isEmpty()) continue;
            if (sb.length() > 0) sb.append('/');
            sb.append(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return sb.toString();
    }

    private void authorize(HttpRequest.Builder req) {
        target.authorization().ifPresent(a -> req.header("Authorization", a));
    }
}
