package org.oodrunner.framework;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.multibindings.Multibinder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.run.Stage;
import org.oodrunner.framework.run.evaluate.EvaluationStages;
import org.oodrunner.framework.run.stages.AnalysisStage;
import org.oodrunner.framework.run.stages.ClassificationStage;
import org.oodrunner.framework.run.stages.DataStage;
import org.oodrunner.framework.run.stages.ExportStage;
import org.oodrunner.framework.run.stages.HtmlReportStage;
import org.oodrunner.framework.run.stages.LatentStage;
import org.oodrunner.framework.run.stages.MetricsStage;
import org.oodrunner.framework.run.stages.ModelStage;
import org.oodrunner.framework.run.stages.ReportStage;
import org.oodrunner.framework.run.stages.RestoreStage;
import org.oodrunner.framework.run.stages.SampleStage;
import org.oodrunner.framework.run.stages.ScoreStage;
import org.oodrunner.framework.run.stages.TrainStage;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.schema.SchemaValidator;
import org.oodrunner.framework.spec.schema.SpecSchema;
import org.oodrunner.framework.track.TrackerFactory;
import org.oodrunner.framework.track.mlflow.MlflowTrackerFactory;

/**
 * Wires the engine: the component registry (filled by whatever {@code ComponentModule}s are
 * installed beside this one), the spec schema and loader, and the stages of a run.
 */
public final class FrameworkModule extends AbstractModule {
    private final RunSettings settings;

    public FrameworkModule(RunSettings settings) {
        this.settings = settings;
    }

    @Override
    protected void configure() {
        bind(RunSettings.class).toInstance(settings);
        bind(ComponentRegistry.class).in(Singleton.class);
        // Extra trackers (a tracking server) join through this set; the local store is always on.
        Multibinder.newSetBinder(binder(), TrackerFactory.class).addBinding().to(MlflowTrackerFactory.class);
    }

    @Provides
    @Singleton
    @SpecSchemaJson
    ObjectNode specSchema(ComponentRegistry registry) {
        return SpecSchema.generate(registry);
    }

    @Provides
    @Singleton
    SpecLoader specLoader(@SpecSchemaJson ObjectNode schema) {
        return new SpecLoader(new SchemaValidator(schema));
    }

    /** The stages of a run, in order. */
    @Provides
    List<Stage> stages() {
        return List.of(new DataStage(), new ModelStage(), new TrainStage(), new ExportStage(), new SampleStage(),
                new LatentStage(), new ScoreStage(), new ClassificationStage(), new MetricsStage(), new AnalysisStage(), new ReportStage(),
                new HtmlReportStage());
    }

    /** The stages of `runner evaluate`: the run's, with the trained weights restored in place of training, export and samples. */
    @Provides
    EvaluationStages evaluationStages() {
        return new EvaluationStages(List.of(new DataStage(), new ModelStage(), new RestoreStage(), new ScoreStage(),
                new ClassificationStage(), new MetricsStage(), new AnalysisStage(), new ReportStage(), new HtmlReportStage()));
    }
}
