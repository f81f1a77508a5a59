package org.oodrunner.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComponentsCliTest {
    @TempDir
    Path dir;

    @Test
    void listsEveryKindWithParametersTypesAndDefaults() {
        Cli cli = Cli.run("components");
        assertEquals(0, cli.exitCode(), cli.err());
        for (String section : new String[] {"datasets", "models", "scorers", "metrics"}) {
            assertTrue(cli.out().contains(section + "\n"), section);
        }
        assertTrue(cli.out().matches("(?s).*\\n\\s+gaussian\\s+.*"), cli.out());
        assertTrue(cli.out().matches("(?s).*\\n\\s+distribution\\s+one of \\{gaussian, logistic}\\s+default gaussian.*"),
                cli.out());
        assertTrue(cli.out().matches("(?s).*\\n\\s+initial_scale\\s+number >0\\s+default 0\\.3.*"), cli.out());
        assertTrue(cli.out().matches("(?s).*\\n\\s+tpr\\s+number >0 <=1\\s+default 0\\.95.*"), cli.out());
    }

    @Test
    void aThirdPartyModuleFoundByServiceLoaderIsListedAndUsable() throws IOException {
        Cli cli = Cli.run("components", "--kind", "dataset");
        assertTrue(cli.out().contains("plugin_constant"), cli.out());
        assertTrue(cli.out().matches("(?s).*value\\s+integer >=0 <=255\\s+default 7.*"), cli.out());
        Path spec = dir.resolve("plugin.yaml");
        Files.writeString(spec, SpecErrorsCliTest.VALID.replace("ood: [{dataset: mnist, split: test}]",
                "ood: [{dataset: plugin_constant, value: 200}]"));
        Cli validate = Cli.run("validate", spec.toString());
        assertEquals(0, validate.exitCode(), validate.err());
    }

    @Test
    void anUnknownNameSuggests() {
        Cli cli = Cli.run("components", "gausian");
        assertEquals(2, cli.exitCode());
        assertTrue(cli.err().contains("did you mean 'gaussian'?"), cli.err());
    }
}
