package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads back what an MLflow server holds, over its REST API with plain HTTP, independently of
 * the code under test: experiments, runs with params and tags, full metric histories, artifact
 * listings and artifact bytes.
 */
public final class MlflowRest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public MlflowRest(String base) {
        this(base, null);
    }

    /** @param authorization the Authorization header every request carries (a server with authentication); null: none */
    public MlflowRest(String base, String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    public JsonNode get(String path) {
        return json(send(HttpRequest.newBuilder(URI.create(base + path)).GET()));
    }

    public JsonNode post(String path, JsonNode body) {
        return json(send(HttpRequest.newBuilder(URI.create(base + path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))));
    }

    /** The experiment's id, or null when there is none of that name. */
    public String experimentId(String name) {
        ObjectNode body = JSON.createObjectNode().put("max_results", 1000);
        for (JsonNode e : post("/api/2.0/mlflow/experiments/search", body).path("experiments")) {
            if (e.path("name").asText().equals(name)) return e.path("experiment_id").asText();
        }
        return null;
    }

    /** Every run of the experiment (all pages), as the search API returns them. */
    public List<JsonNode> runs(String experimentId) {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            ObjectNode body = JSON.createObjectNode();
            body.putArray("experiment_ids").add(experimentId);
            body.put("max_results", 1000);
            body.put("run_view_type", "ALL");
            if (token != null) body.put("page_token", token);
            JsonNode page = post("/api/2.0/mlflow/runs/search", body);
            page.path("runs").forEach(out::add);
            token = page.hasNonNull("next_page_token") && !page.get("next_page_token").asText().isEmpty()
                    ? page.get("next_page_token").asText() : null;
        } while (token != null);
        return out;
    }

    public JsonNode run(String runId) {
        return get("/api/2.0/mlflow/runs/get?run_id=" + enc(runId)).path("run");
    }

    public static Map<String, String> params(JsonNode run) {
        return keyValues(run.path("data").path("params"));
    }

    public static Map<String, String> tags(JsonNode run) {
        return keyValues(run.path("data").path("tags"));
    }

    /** The run's metric keys (each with its latest value on the server). */
    public static List<String> metricKeys(JsonNode run) {
        List<String> keys = new ArrayList<>();
        run.path("data").path("metrics").forEach(m -> keys.add(m.path("key").asText()));
        return keys;
    }

    /** Every value logged for the key, as the server stores it: value, step, timestamp. */
    public List<JsonNode> history(String runId, String key) {
        List<JsonNode> out = new ArrayList<>();
        String token = null;
        do {
            String q = "/api/2.0/mlflow/metrics/get-history?run_id=" + enc(runId) + "&metric_key=" + enc(key)
                    + "&max_results=25000" + (token != null ? "&page_token=" + enc(token) : "");
            JsonNode page = get(q);
            page.path("metrics").forEach(out::add);
            token = page.hasNonNull("next_page_token") && !page.get("next_page_token").asText().isEmpty()
                    ? page.get("next_page_token").asText() : null;
        } while (token != null);
        return out;
    }

    /** Artifact path -> size, every file of the run. */
    public Map<String, Long> artifacts(String runId) {
        Map<String, Long> out = new TreeMap<>();
        listArtifacts(runId, "", out);
        return out;
    }

    private void listArtifacts(String runId, String path, Map<String, Long> out) {
        JsonNode page = get("/api/2.0/mlflow/artifacts/list?run_id=" + enc(runId) + (path.isEmpty() ? "" : "&path=" + enc(path)));
        for (JsonNode f : page.path("files")) {
            if (f.path("is_dir").asBoolean()) listArtifacts(runId, f.path("path").asText(), out);
            else out.put(f.path("path").asText(), f.path("file_size").asLong());
        }
    }

    /** An artifact's bytes, downloaded through the server's artifact proxy. */
    public byte[] artifact(JsonNode run, String path) {
        String root = run.path("info").path("artifact_uri").asText();
        if (!root.startsWith("mlflow-artifacts:/")) throw new IllegalStateException("not a proxied artifact root: " + root);
        StringBuilder encoded = new StringBuilder();
        for (String segment : path.split("/")) encoded.append('/').append(enc(segment).replace("+", "%20"));
        String url = base + "/api/2.0/mlflow-artifacts/artifacts/" + root.substring("mlflow-artifacts:/".length()) + encoded;
        HttpResponse<byte[]> res = sendBytes(HttpRequest.newBuilder(URI.create(url)).GET());
        if (res.statusCode() != 200) throw new IllegalStateException("GET " + url + ": HTTP " + res.statusCode());
        return res.body();
    }

    /**
     * Everything the server holds about an experiment's runs, in one canonical tree: per run (by
     * name) its status, times, params, tags, each metric's whole history and each artifact's size
     * and SHA-256. Two snapshots are equal exactly when nothing was logged in between.
     */
    public JsonNode snapshot(String experimentId) {
        ObjectNode out = JSON.createObjectNode();
        Map<String, JsonNode> byName = new TreeMap<>();
        for (JsonNode r : runs(experimentId)) byName.put(r.path("info").path("run_name").asText() + " " + r.path("info").path("run_id").asText(), r);
        for (Map.Entry<String, JsonNode> e : byName.entrySet()) {
            JsonNode r = e.getValue();
            String runId = r.path("info").path("run_id").asText();
            ObjectNode o = out.putObject(e.getKey());
            o.set("info", r.path("info"));
            o.set("params", JSON.valueToTree(new TreeMap<>(params(r))));
            o.set("tags", JSON.valueToTree(new TreeMap<>(tags(r))));
            ObjectNode metrics = o.putObject("metrics");
            for (String key : new java.util.TreeSet<>(metricKeys(r))) {
                ArrayNode h = metrics.putArray(key);
                history(runId, key).forEach(h::add);
            }
            ObjectNode artifacts = o.putObject("artifacts");
            for (Map.Entry<String, Long> a : artifacts(runId).entrySet()) {
                artifacts.put(a.getKey(), a.getValue() + " " + sha256(artifact(r, a.getKey())));
            }
        }
        return out;
    }

    private static Map<String, String> keyValues(JsonNode list) {
        Map<String, String> out = new LinkedHashMap<>();
        list.forEach(kv -> out.put(kv.path("key").asText(), kv.path("value").asText()));
        return out;
    }

    private HttpResponse<String> send(HttpRequest.Builder req) {
        if (authorization != null) req.header("Authorization", authorization);
        try {
            HttpResponse<String> res = http.send(req.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() / 100 != 2) {
                throw new IllegalStateException(res.request().method() + " " + res.uri() + ": HTTP " + res.statusCode() + " "
                        + res.body());
            }
            return res;
        } catch (IOException e) {
            throw new IllegalStateException("MLflow at " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpResponse<byte[]> sendBytes(HttpRequest.Builder req) {
        if (authorization != null) req.header("Authorization", authorization);
        try {
            return http.send(req.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new IllegalStateException("MLflow at " + base + " unreachable: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode json(HttpResponse<String> res) {
        try {
            return JSON.readTree(res.body());
        } catch (IOException e) {
            throw new IllegalStateException("not JSON from " + res.uri() + ": " + res.body(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
