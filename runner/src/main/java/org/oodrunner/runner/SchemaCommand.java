package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.oodrunner.framework.SpecSchemaJson;
import org.oodrunner.framework.run.RunSettings;
import com.google.inject.Key;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code runner schema}: the JSON Schema of specs for the installed components (what schemas/ holds). */
@Command(mixinStandardHelpOptions = true, name = "schema", description = "Print the JSON Schema of specs for the installed components.")
final class SchemaCommand implements Callable<Integer> {
    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write to FILE instead of standard output")
    Path output;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() throws IOException {
        ObjectNode schema = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null))
                .getInstance(Key.get(ObjectNode.class, SpecSchemaJson.class));
        String text = render(schema);
        if (output == null) {
            command.commandLine().getOut().print(text);
            command.commandLine().getOut().flush();
        } else {
            Files.writeString(output, text);
        }
        return 0;
    }

    static String render(ObjectNode schema) throws IOException {
        return new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(schema) + "\n";
    }
}
