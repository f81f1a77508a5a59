package org.oodrunner.framework.track.mlflow;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Function;
import org.oodrunner.framework.errors.BadInputException;

/**
 * A tracking server: its base URL and the credentials MLflow's own clients read from the
 * environment ({@code MLFLOW_TRACKING_USERNAME}/{@code _PASSWORD}, or {@code MLFLOW_TRACKING_TOKEN})
 * or from {@code user:password@} in the URI given.
 *
 * @param uri http(s) base URL, without a trailing slash and without credentials: the only part
 *     that is ever shown, logged or recorded
 */
public record MlflowTarget(String uri, String username, String password, String token) {
    public static final String ENV_URI = "MLFLOW_TRACKING_URI";

    /** The {@code none} value of {@code --tracking-uri}: no server even when the spec or environment names one. */
    public static final String NONE = "none";

    /** The URI only: never the credentials (records and messages print targets). */
    @Override
    public String toString() {
        return uri;
    }

    /**
     * The server a run is tracked on: {@code --tracking-uri}, else the spec's {@code tracking.uri},
     * else {@code MLFLOW_TRACKING_URI}; empty when none is set or the one that wins is {@code none}.
     * A URI given on the command line or in the spec that is not http(s) is refused; one inherited
     * from the environment (often set for Python's file store) is ignored instead.
     */
    public static Optional<MlflowTarget> resolve(String commandLine, String spec, Function<String, String> env) {
        String uri;
        String where;
        if (present(commandLine)) {
            uri = commandLine.trim();
            where = "--tracking-uri";
        } else if (present(spec)) {
            uri = spec.trim();
            where = "tracking.uri";
        } else {
            String fromEnv = env.apply(ENV_URI);
            if (!present(fromEnv) || !isHttp(fromEnv.trim())) return Optional.empty();
            uri = fromEnv.trim();
            where = ENV_URI;
        }
        if (uri.equalsIgnoreCase(NONE)) return Optional.empty();
        return Optional.of(of(uri, where, env));
    }

    /** A target for an explicit URI; {@code where} names its source in the error message. */
    public static MlflowTarget of(String uri, String where, Function<String, String> env) {
        if (!isHttp(uri)) {
            throw new BadInputException(where + " '" + withoutCredentials(uri) + "' is not an http(s) URL of an MLflow "
                    + "server; this runner talks to a tracking server (start one with `runner ui`, or `mlflow server`), "
                    + "or give 'none'");
        }
        URI parsed = URI.create(uri);
        String base = withoutCredentials(uri).replaceAll("/+$", "");
        String userInfo = parsed.getRawUserInfo();
        if (userInfo != null && !userInfo.isEmpty()) {
            // user:password@host: the credentials leave the URI here, so no record, log or message can show them.
            int colon = userInfo.indexOf(':');
            String user = decode(colon < 0 ? userInfo : userInfo.substring(0, colon));
            String password = colon < 0 ? env.apply("MLFLOW_TRACKING_PASSWORD") : decode(userInfo.substring(colon + 1));
            return new MlflowTarget(base, user, password, null);
        }
        return new MlflowTarget(base, env.apply("MLFLOW_TRACKING_USERNAME"), env.apply("MLFLOW_TRACKING_PASSWORD"),
                env.apply("MLFLOW_TRACKING_TOKEN"));
    }

    /** The URI with any {@code user:password@} removed: what may be shown, logged or recorded. */
    public static String withoutCredentials(String uri) {
        if (uri == null) return null;
        return uri.replaceFirst("^([A-Za-z][A-Za-z0-9+.-]*://)[^/@?#]*@", "$1");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    /** Whether the server is asked with credentials (basic or token). */
    public boolean hasCredentials() {
        return token != null || (username != null && password != null);
    }

    /** The value of an Authorization header for these credentials; empty without any. */
    public Optional<String> authorization() {
        if (token != null) return Optional.of("Bearer " + token);
        if (username != null && password != null) {
            return Optional.of("Basic " + Base64.getEncoder().encodeToString(
                    (username + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        return Optional.empty();
    }

    public static boolean isHttp(String uri) {
        try {
            URI u = new URI(uri);
            return u.getScheme() != null && (u.getScheme().equalsIgnoreCase("http") || u.getScheme().equalsIgnoreCase("https"))
                    && u.getHost() != null;
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    /** The web UI's page of a run. */
    public String runUrl(String experimentId, String runId) {
        return uri + "/#/experiments/" + experimentId + "/runs/" + runId;
    }
}
