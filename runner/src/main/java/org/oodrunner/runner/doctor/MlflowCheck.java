package org.oodrunner.runner.doctor;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.track.mlflow.MlflowTarget;

/**
 * The tracking server, when one is set ({@code --tracking-uri} or {@code MLFLOW_TRACKING_URI}):
 * its health endpoint, then one authenticated read (a search for one experiment) with the
 * credentials a run would use. Messages name the server by its URI without credentials.
 */
final class MlflowCheck {
    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private MlflowCheck() {}

    static Finding check(String commandLineUri, Function<String, String> env) {
        Optional<MlflowTarget> resolved;
        try {
            resolved = MlflowTarget.resolve(commandLineUri, null, env);
        } catch (BadInputException e) {
            return Finding.missing("MLflow", e.getMessage(), "give the http(s) URL of a tracking server, or none");
        }
        if (resolved.isEmpty()) {
            return Finding.note("MLflow", "no tracking server set (--tracking-uri or " + MlflowTarget.ENV_URI
                    + "): runs are recorded in the local run store only");
        }
        MlflowTarget target = resolved.get();
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).followRedirects(HttpClient.Redirect.NORMAL).build();
        String fix = "start the server or correct the URI; meanwhile runs are kept in the local store and `runner sync` "
                + "sends them later";
        try {
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(target.uri() + "/health"))
                    .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (health.statusCode() != 200) {
                return Finding.missing("MLflow", target.uri() + ": /health answered HTTP " + health.statusCode()
                        + " (is it an MLflow server?)", fix);
            }
            HttpRequest.Builder search = HttpRequest.newBuilder(
                    URI.create(target.uri() + "/api/2.0/mlflow/experiments/search?max_results=1")).timeout(TIMEOUT).GET();
            target.authorization().ifPresent(a -> search.header("Authorization", a));
            int status = http.send(search.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            String credentials = target.hasCredentials() ? "with the credentials given" : "without credentials";
            if (status == 401 || status == 403) {
                return Finding.missing("MLflow", target.uri() + " is up but refuses requests " + credentials + " (HTTP "
                        + status + ")", "set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) "
                        + "to an account of that server; runs made meanwhile are kept locally and `runner sync` sends them");
            }
            if (status != 200) {
                return Finding.missing("MLflow", target.uri() + " is up but its tracking API answered HTTP " + status, fix);
            }
            return Finding.ok("MLflow", target.uri() + " reachable, tracking API answers " + credentials);
        } catch (IOException e) {
            return Finding.missing("MLflow", target.uri() + " cannot be reached (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + MlflowTarget.withoutCredentials(e.getMessage())) + ")", fix);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Finding.missing("MLflow", target.uri() + ": interrupted", fix);
        }
    }
}
