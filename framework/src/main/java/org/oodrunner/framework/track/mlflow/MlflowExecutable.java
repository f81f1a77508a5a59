package org.oodrunner.framework.track.mlflow;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Function;
import org.oodrunner.framework.errors.BadInputException;

/**
 * Finds the {@code mlflow} command that serves a local tracking server: {@code OOD_MLFLOW}, the
 * virtual environment that {@code .ci/run} makes ({@code ~/.cache/ood-runner/mlflow-venv}), then
 * {@code mlflow} on the PATH.
 */
public final class MlflowExecutable {
    public static final String ENV = "OOD_MLFLOW";

    private MlflowExecutable() {}

    /** Where {@code .ci/run} installs MLflow. */
    public static Path cachedVenv(Function<String, String> env) {
        String home = env.apply("HOME");
        return Path.of(home != null ? home : System.getProperty("user.home"), ".cache", "ood-runner", "mlflow-venv");
    }

    public static String installHint(Function<String, String> env) {
        Path venv = cachedVenv(env);
        return "install it with: python3 -m venv " + venv + " && " + venv.resolve("bin/pip") + " install mlflow"
                + " (or point " + ENV + " at an mlflow executable)";
    }

    /** The command, if installed; {@code explicit} (a path given by the user) must exist. */
    public static Optional<Path> find(String explicit, Function<String, String> env) {
        if (explicit != null) {
            Path p = Path.of(explicit);
            if (!Files.isExecutable(p)) throw new BadInputException("--mlflow " + explicit + " is not an executable file; "
                    + installHint(env));
            return Optional.of(p);
        }
        String fromEnv = env.apply(ENV);
        if (fromEnv != null && !fromEnv.isBlank()) {
            Path p = Path.of(fromEnv);
            if (!Files.isExecutable(p)) throw new BadInputException(ENV + "=" + fromEnv + " is not an executable file; "
                    + installHint(env));
            return Optional.of(p);
        }
        Path venv = cachedVenv(env).resolve("bin/mlflow");
        if (Files.isExecutable(venv)) return Optional.of(venv);
        String path = env.apply("PATH");
        if (path != null) {
            for (String dir : path.split(File.pathSeparator)) {
                if (dir.isEmpty()) continue;
                Path p = Path.of(dir, "mlflow");
                if (Files.isExecutable(p)) return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
