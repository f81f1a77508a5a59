package org.oodrunner.framework.spec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.SpecNode;
import org.oodrunner.framework.spec.schema.SchemaValidator;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

/**
 * From a spec file to concrete runs: read (safely, with positions) -> {@code extends} ->
 * {@code --set} overrides -> grid expansion -> interpolation -> schema validation -> typed
 * records. Every error is a {@link SpecError} naming {@code file:line:column}.
 */
public final class SpecLoader {
    /** Options that are the user's to set per invocation. */
    public record Options(List<String> overrides, int maxRuns, Function<String, String> environment) {
        public static Options defaults() {
            return new Options(List.of(), 512, System::getenv);
        }
    }

    private final SchemaValidator validator;

    public SpecLoader(SchemaValidator validator) {
        this.validator = validator;
    }

    /** The concrete runs that {@code file} describes, in grid order. */
    public List<ResolvedSpec> load(Path file, String displayName, Options options) {
        MapNode composed = new SpecComposer(new YamlSpecReader()).compose(file, displayName);
        MapNode overridden = Overrides.apply(composed, options.overrides());
        List<GridExpander.Point> points = new GridExpander(options.maxRuns()).expand(overridden);
        List<ResolvedSpec> runs = new ArrayList<>(points.size());
        for (GridExpander.Point point : points) {
            runs.add(resolve(point.spec(), point.axes(), options));
        }
        return runs;
    }

    /** Checks one concrete spec tree and binds it. */
    public ResolvedSpec resolve(MapNode tree, Map<String, Object> axes, Options options) {
        SpecNode interpolated = new Interpolator(options.environment()).resolve(tree);
        SourceMap sources = SourceMap.of(interpolated);
        JsonNode json = SpecJson.toJson(interpolated);
        List<SpecError> errors = validator.validate(json, sources);
        if (!errors.isEmpty()) {
            throw errors.size() == 1 ? errors.get(0) : new SpecErrors(errors);
        }
        ObjectNode withoutMeta = ((ObjectNode) json).deepCopy();
        withoutMeta.remove(SpecComposer.EXTENDS);
        withoutMeta.remove(GridExpander.GRID);
        ExperimentSpec spec = RecordBinder.bind(withoutMeta, ExperimentSpec.class, sources, "");
        JsonNode effective = RecordBinder.withDefaults(withoutMeta, ExperimentSpec.class);
        @SuppressWarnings("unchecked")
        Map<String, Object> plain = (Map<String, Object>) Nodes.toPlain(interpolated);
        return new ResolvedSpec(spec, SpecHash.of(plain), axes, withoutMeta, effective, sources);
    }

    /** Several problems in one spec: the message holds one line each. */
    public static final class SpecErrors extends BadInputException {
        private final List<SpecError> errors;

        public SpecErrors(List<SpecError> errors) {
            super(String.join("\n", errors.stream().map(SpecError::getMessage).toList()));
            this.errors = List.copyOf(errors);
        }

        public List<SpecError> errors() {
            return errors;
        }
    }
}
