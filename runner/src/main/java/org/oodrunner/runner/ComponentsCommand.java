package org.oodrunner.runner;

import org.oodrunner.framework.Injectors;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.ParamInfo;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.SpecJson;
import org.oodrunner.framework.spec.Suggestions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner components}: every dataset, model, scorer and metric name with its parameters. */
@Command(mixinStandardHelpOptions = true, name = "components", description = "List every component a spec can name, with its parameters, types and defaults.")
final class ComponentsCommand implements Callable<Integer> {
    @Option(names = "--kind", paramLabel = "KIND", description = "only this kind: dataset, model, scorer or metric")
    String kind;

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "only this component")
    String name;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        ComponentRegistry registry = Injectors.create(new RunSettings(Path.of("runs"), RunSettings.defaultDataRoot(), null))
                .getInstance(ComponentRegistry.class);
        PrintWriter out = command.commandLine().getOut();
        boolean found = false;
        for (ComponentKind k : ComponentKind.values()) {
            if (kind != null && !k.word().equals(kind.toLowerCase(Locale.ROOT))) continue;
            var components = registry.of(k);
            if (name != null && !components.containsKey(name)) continue;
            out.println(k.word() + "s");
            for (ComponentDescriptor<?, ?> d : components.values()) {
                if (name != null && !d.name().equals(name)) continue;
                found = true;
                out.printf("  %-20s %s%n", d.name(), d.summary());
                JsonNode defaults = ComponentRegistry.defaults(d);
                for (ParamInfo p : d.params()) {
                    String dflt = p.required() ? "required" : "default " + render(defaults.get(p.name()));
                    out.printf("      %-22s %-28s %-18s %s%n", p.name(), p.typeName() + range(p), dflt, p.doc());
                }
            }
            out.println();
        }
        out.flush();
        if (!found && (name != null || kind != null)) {
            String what = name != null ? name : kind;
            java.util.List<String> all = new java.util.ArrayList<>();
            for (ComponentKind k : ComponentKind.values()) {
                all.add(k.word());
                all.addAll(registry.of(k).keySet());
            }
            throw new BadInputException("no component or kind '" + what + "'" + Suggestions.hint(what, all));
        }
        return 0;
    }

    private static String range(ParamInfo p) {
        StringBuilder sb = new StringBuilder();
        if (p.min() != Double.NEGATIVE_INFINITY) sb.append(p.exclusiveMin() ? " >" : " >=").append(num(p.min()));
        if (p.max() != Double.POSITIVE_INFINITY) sb.append(" <=").append(num(p.max()));
        return sb.toString();
    }

    private static String num(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }

    private static String render(JsonNode v) {
        try {
            return v == null ? "null" : v.isTextual() ? v.asText() : SpecJson.mapper().writeValueAsString(v);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            return v.toString();
        }
    }
}
