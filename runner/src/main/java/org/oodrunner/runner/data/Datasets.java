package org.oodrunner.runner.data;

import java.nio.file.Path;
import java.util.Map;
import org.oodrunner.framework.component.ComponentContext;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.Position;
import org.oodrunner.framework.spec.SourceMap;
import org.oodrunner.framework.spec.Suggestions;
import org.oodrunner.framework.spec.node.MapNode;

/** Makes registered datasets with their default parameters, for the data commands. */
final class Datasets {
    private Datasets() {}

    static ComponentDescriptor<?, ?> descriptor(ComponentRegistry registry, String name) {
        ComponentDescriptor<?, ?> d = registry.get(ComponentKind.DATASET, name);
        if (d == null) {
            throw new BadInputException("unknown dataset '" + name + "'"
                    + Suggestions.hint(name, registry.of(ComponentKind.DATASET).keySet()));
        }
        return d;
    }

    /** The dataset with default parameters; a BadInputException when it has required ones. */
    static DatasetSource create(ComponentDescriptor<?, ?> d, Path dataRoot) {
        if (d.params().stream().anyMatch(p -> p.required())) {
            throw new BadInputException("dataset '" + d.name() + "' needs parameters: it reads files named in the spec");
        }
        Record params = ComponentRegistry.bindParams(d, Map.of(), SourceMap.of(MapNode.empty(Position.UNKNOWN)), "");
        return (DatasetSource) d.create(params, new ComponentContext(dataRoot, 0));
    }
}
