package org.oodrunner.framework.track.mlflow;

import com.google.inject.Inject;
import com.google.inject.Singleton;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.mlflow.api.proto.Service.Metric;
import org.mlflow.api.proto.Service.Run;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.RunFiles;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecError;
import org.oodrunner.framework.track.FinishedRun;
import org.oodrunner.framework.track.Tracker;
import org.oodrunner.framework.track.TrackerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tracks runs on MLflow when a server is named: {@code --tracking-uri}, else the spec's
 * {@code tracking.uri}, else {@code MLFLOW_TRACKING_URI} (see {@link MlflowTarget#resolve}).
 */
@Singleton
public final class MlflowTrackerFactory implements TrackerFactory {
    private static final Logger LOG = LoggerFactory.getLogger(MlflowTrackerFactory.class);

    private final RunSettings settings;
    private final Function<String, String> environment;
    private final OutageNotices notices = new OutageNotices();

    @Inject
    public MlflowTrackerFactory(RunSettings settings) {
        this(settings, System::getenv);
    }

    public MlflowTrackerFactory(RunSettings settings, Function<String, String> environment) {
        this.settings = settings;
        this.environment = environment;
    }

    /** The server this run is tracked on, if any. */
    public Optional<MlflowTarget> target(ResolvedSpec run) {
        String specUri = run.spec().tracking().uri();
        if (specUri != null && !specUri.equals(MlflowTarget.withoutCredentials(specUri))) {
            // A spec is copied into the run's record and sent as params: a password in it would be written down everywhere.
            String message = "tracking.uri holds credentials (user:password@), which would be written into the run's "
                    + "records; remove them and set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or "
                    + "MLFLOW_TRACKING_TOKEN) instead";
            if (run.sources() != null) throw new SpecError(run.sources().value("/tracking/uri"), message);
            throw new BadInputException(message);
        }
        try {
            return MlflowTarget.resolve(settings.trackingUri(), specUri, environment);
        } catch (BadInputException e) {
            boolean fromSpec = (settings.trackingUri() == null || settings.trackingUri().isBlank()) && specUri != null;
            if (fromSpec && run.sources() != null) throw new SpecError(run.sources().value("/tracking/uri"), e.getMessage());
            throw e;
        }
    }

    @Override
    public void check(ResolvedSpec run) {
        target(run);
    }

    @Override
    public Optional<Tracker> create(ResolvedSpec run, RunFiles files) {
        return target(run).map(t -> new MlflowTracker(new MlflowConnection(t), files.dir(),
                Duration.ofMillis(Math.round(run.spec().tracking().flushSeconds() * 1000)),
                Duration.ofMillis(Math.round(run.spec().tracking().stallSeconds() * 1000)), notices));
    }

    @Override
    public Optional<FinishedRun> findFinished(ResolvedSpec run) {
        Optional<MlflowTarget> target = target(run);
        if (target.isEmpty()) return Optional.empty();
        try (MlflowConnection server = new MlflowConnection(target.get())) {
            Optional<String> experiment = server.findExperiment(run.spec().tracking().experiment());
            if (experiment.isEmpty()) return Optional.empty();
            String filter = "tags.spec_hash = " + MlflowConnection.quote(run.hash()) + " and attributes.status = 'FINISHED'";
            List<Run> found = server.search(List.of(experiment.get()), filter, 1);
            if (found.isEmpty()) return Optional.empty();
            Run r = found.get(0);
            Map<String, Double> metrics = new LinkedHashMap<>();
            for (Metric m : r.getData().getMetricsList()) metrics.put(m.getKey(), m.getValue());
            return Optional.of(new FinishedRun("MLflow run " + r.getInfo().getRunName() + " at "
                    + target.get().runUrl(r.getInfo().getExperimentId(), r.getInfo().getRunId()), metrics));
        } catch (MlflowRejectedException e) {
            if (e.unauthorized()) notices.refused(target.get(), e.getMessage());
            else notices.unreachable(target.get(), e.getMessage());
            LOG.debug("cannot ask MLflow whether {} finished: {}", run.runName(), e.getMessage());
            return Optional.empty();
        } catch (MlflowUnavailableException e) {
            notices.unreachable(target.get(), e.getMessage());
            LOG.debug("cannot ask MLflow whether {} finished: {}", run.runName(), e.getMessage());
            return Optional.empty();
        }
    }
}
