package org.oodrunner.components.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.inject.Injector;
import com.google.inject.Key;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.SpecSchemaJson;
import org.oodrunner.framework.run.ExperimentPlanner;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;

/** What the repository ships must match the code: every experiment validates, the schema is current. */
class ShippedSpecsTest {
    private static final Path ROOT = Path.of("..");
    private final Injector injector = Injectors.create(new RunSettings(Path.of("target/runs"), Path.of("target/data"), null));

    @Test
    void everyExperimentValidatesAndCarriesTheSchemaModeline() throws IOException {
        List<Path> specs;
        try (Stream<Path> s = Files.list(ROOT.resolve("experiments"))) {
            specs = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        }
        assertFalse(specs.isEmpty());
        for (Path spec : specs) {
            String text = Files.readString(spec);
            assertTrue(text.startsWith("# yaml-language-server: $schema=../schemas/experiment.schema.json\n"),
                    spec + " must start with the yaml-language-server modeline");
            for (ResolvedSpec r : injector.getInstance(SpecLoader.class).load(spec, spec.toString(), SpecLoader.Options.defaults())) {
                injector.getInstance(ExperimentPlanner.class).plan(r);
            }
        }
    }

    @Test
    void theCommittedSchemaIsTheGeneratedOne() throws IOException {
        ObjectNode generated = injector.getInstance(Key.get(ObjectNode.class, SpecSchemaJson.class));
        String expected = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(generated) + "\n";
        String committed = Files.readString(ROOT.resolve("schemas/experiment.schema.json"));
        assertEquals(expected, committed, "schemas/experiment.schema.json is stale: run `bin/runner schema -o schemas/experiment.schema.json`");
    }
}
