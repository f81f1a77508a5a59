package org.oodrunner.framework.track.mlflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.mlflow.api.proto.Service.CreateRun;
import org.mlflow.api.proto.Service.Experiment;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Param;
import org.mlflow.api.proto.Service.Run;
import org.mlflow.api.proto.Service.RunInfo;
import org.mlflow.api.proto.Service.RunTag;
import org.mlflow.api.proto.Service.ViewType;
import org.mlflow.tracking.MlflowClient;
import org.mlflow.tracking.MlflowClientException;
import org.mlflow.tracking.MlflowHttpException;
import org.mlflow.tracking.RunsPage;
import org.mlflow.tracking.creds.BasicMlflowHostCreds;
import org.oodrunner.framework.track.RunStatus;

/**
 * One tracking server, as this runner uses it: experiments, runs, batches of metrics, params and
 * tags, and status through MLflow's Java client; artifacts through the server's proxied artifact
 * API (see {@link ProxiedArtifacts}), so no Python is needed here. Every failure becomes either
 * {@link MlflowUnavailableException} (try again later) or {@link MlflowRejectedException} (the
 * server said no).
 */
public final class MlflowConnection implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SEARCH_PAGE = 1000;

    private final MlflowTarget target;
    private final MlflowClient client;
    private final ProxiedArtifacts artifacts;

    public MlflowConnection(MlflowTarget target) {
        this.target = target;
        BasicMlflowHostCreds creds = target.token() != null
                ? new BasicMlflowHostCreds(target.uri(), target.token())
                : new BasicMlflowHostCreds(target.uri(), target.username(), target.password());
        this.client = new MlflowClient(creds);
        this.artifacts = new ProxiedArtifacts(target);
    }

    public MlflowTarget target() {
        return target;
    }

    /**
     * The id of the experiment called {@code name}, if it exists and is not deleted. Searched for
     * rather than fetched by name: the Java client retries (and warns about) every 404 it gets.
     */
    public Optional<String> findExperiment(String name) {
        String filter = "name = " + quote(name);
        List<Experiment> found = call("look up experiment '" + name + "'",
                () -> client.searchExperiments(filter, ViewType.ALL, 1, List.of()).getItems());
        Optional<Experiment> e = found.stream().filter(x -> x.getName().equals(name)).findFirst();
        if (e.isEmpty()) return Optional.empty();
        if ("deleted".equals(e.get().getLifecycleStage())) {
            throw new MlflowRejectedException("experiment '" + name + "' is deleted on " + target
                    + "; restore it in the MLflow UI or choose another tracking.experiment", 400, "INVALID_STATE", null);
        }
        return Optional.of(e.get().getExperimentId());
    }

    /** The id of the experiment called {@code name}, created when missing. */
    public String experiment(String name) {
        Optional<String> id = findExperiment(name);
        if (id.isPresent()) return id.get();
        try {
            return call("create experiment '" + name + "'", () -> client.createExperiment(name));
        } catch (MlflowRejectedException e) {
            // Made meanwhile by another process.
            return findExperiment(name).orElseThrow(() -> e);
        }
    }

    public RunInfo createRun(String experimentId, String name, long startMillis, String user, Map<String, String> tags) {
        CreateRun.Builder req = CreateRun.newBuilder().setExperimentId(experimentId).setRunName(name).setStartTime(startMillis);
        if (user != null) req.setUserId(user);
        tags.forEach((k, v) -> req.addTags(RunTag.newBuilder().setKey(k).setValue(v)));
        return call("create run '" + name + "'", () -> client.createRun(req.build()));
    }

    /** The run of that experiment, or empty when the server has no such run or it is deleted. */
    public Optional<Run> run(String experimentId, String runId) {
        List<Run> found = search(List.of(experimentId), "attributes.run_id = " + quote(runId), 1);
        return found.isEmpty() ? Optional.empty() : Optional.of(found.get(0));
    }

    /** A string literal of MLflow's search grammar. */
    static String quote(String s) {
        return s.contains("'") ? "\"" + s.replace("\"", "\\\"") + "\"" : "'" + s + "'";
    }

    /** Deletes a run the way the UI does (it can be restored there); one already gone is fine. */
    public void deleteRun(String runId) {
        try {
            call("delete run " + runId, () -> {
                client.deleteRun(runId);
                return null;
            });
        } catch (MlflowRejectedException gone) {
            // Nothing left to delete.
        }
    }

    /** Runs of the experiments matching an MLflow filter, every page. */
    public List<Run> search(List<String> experimentIds, String filter, int max) {
        List<Run> out = new ArrayList<>();
        String token = null;
        do {
            String pageToken = token;
            int size = Math.min(SEARCH_PAGE, max - out.size());
            RunsPage page = call("search runs", () -> client.searchRuns(experimentIds, filter, ViewType.ACTIVE_ONLY, size,
                    List.of(), pageToken));
            out.addAll(page.getItems());
            token = page.getNextPageToken().orElse(null);
        } while (token != null && out.size() < max);
        return out;
    }

    public void logBatch(String runId, List<Metric> metrics, List<Param> params, List<RunTag> tags) {
        call("log to run " + runId, () -> {
            client.logBatch(runId, metrics, params, tags);
            return null;
        });
    }

    /** Sets the run's status; a terminal one with its end time. */
    public void setStatus(String runId, RunStatus status, Long endMillis) {
        if (status == RunStatus.RUNNING) {
            String body = JSON.createObjectNode().put("run_id", runId).put("status", status.name()).toString();
            call("reopen run " + runId, () -> client.sendPost("runs/update", body));
            return;
        }
        org.mlflow.api.proto.Service.RunStatus s = org.mlflow.api.proto.Service.RunStatus.valueOf(status.name());
        long end = endMillis != null ? endMillis : System.currentTimeMillis();
        call("end run " + runId, () -> {
            client.setTerminated(runId, s, end);
            return null;
        });
    }

    /** Uploads one file under the run's artifact root. */
    public void upload(String artifactUri, String path, Path file) {
        artifacts.upload(artifactUri, path, file);
    }

    public boolean canUpload(String artifactUri) {
        return artifacts.supports(artifactUri);
    }

    private <T> T call(String what, Supplier<T> request) {
        try {
            return request.get();
        } catch (MlflowHttpException e) {
            int code = e.getStatusCode();
            String message = serverMessage(e.getBodyMessage());
            if (code == 401 || code == 403) {
                throw new MlflowRejectedException(credentialsProblem(target, code), code, errorCode(e.getBodyMessage()), e);
            }
            if (code == 429 || code >= 500) {
                throw new MlflowUnavailableException("MLflow at " + target + " could not " + what + ": HTTP " + code
                        + (message.isEmpty() ? "" : " " + message), e);
            }
            throw new MlflowRejectedException("MLflow at " + target + " refused to " + what + ": "
                    + (message.isEmpty() ? "HTTP " + code : message), code, errorCode(e.getBodyMessage()), e);
        } catch (MlflowClientException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            throw new MlflowUnavailableException("MLflow at " + target + " is unreachable (" + cause + ")", e);
        }
    }

    /** What an authentication refusal means and what to do; names where credentials come from, never their values. */
    static String credentialsProblem(MlflowTarget target, int code) {
        String how = "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, MLFLOW_TRACKING_TOKEN, or user:password@ in "
                + "the tracking URI";
        if (code == 403) {
            return "MLflow at " + target + " does not allow this user to write runs (HTTP 403): ask its admin for EDIT "
                    + "permission on the experiment, or use another account (" + how + ")";
        }
        return target.hasCredentials()
                ? "MLflow at " + target + " refused the credentials given (HTTP 401: wrong user name or password, or an "
                        + "expired token): correct them (" + how + ")"
                : "MLflow at " + target + " requires a login (HTTP 401): give credentials (" + how + ")";
    }

    private static String serverMessage(String body) {
        JsonNode n = parse(body);
        return n.hasNonNull("message") ? n.get("message").asText() : body == null ? "" : body.strip();
    }

    private static String errorCode(String body) {
        return parse(body).path("error_code").asText("");
    }

    private static JsonNode parse(String body) {
        try {
            return body == null ? JSON.createObjectNode() : JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
