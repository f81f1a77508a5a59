package org.oodrunner.runner.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.fetch.DatasetFetcher;
import org.oodrunner.framework.data.fetch.Downloader;
import org.oodrunner.framework.data.fetch.VerifiedFiles;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.Injectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code runner data fetch NAME[/SPLIT]...}: download and verify the official files. */
@Command(name = "fetch", mixinStandardHelpOptions = true, description = {
        "Download datasets' official files into the data root, verify their SHA-256, resume interrupted downloads.",
        "NAME fetches every split of a dataset; NAME/SPLIT only that split (e.g. mnist/train_first10k).",
        "Where a file cannot be downloaded, the error says which files to place in which folder."})
final class FetchCommand implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "NAME[/SPLIT]", description = "datasets (and splits) to fetch")
    List<String> names;

    @Mixin
    DataRootOption root;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        ComponentRegistry registry = Injectors.create(root.settings()).getInstance(ComponentRegistry.class);
        PrintWriter out = command.commandLine().getOut();
        PrintWriter err = command.commandLine().getErr();
        Map<String, List<String>> wanted = new LinkedHashMap<>();
        for (String n : names) {
            int slash = n.indexOf('/');
            String dataset = slash < 0 ? n : n.substring(0, slash);
            List<String> splits = wanted.computeIfAbsent(dataset, k -> new ArrayList<>());
            if (slash >= 0) splits.add(n.substring(slash + 1));
        }
        VerifiedFiles verified = new VerifiedFiles(root.dataRoot());
        DatasetFetcher fetcher = new DatasetFetcher(verified,
                new Downloader(verified, new ProgressPrinter(err, System.console() != null)));
        Map<String, DatasetSource> sources = new LinkedHashMap<>();
        for (String dataset : wanted.keySet()) {
            var d = Datasets.descriptor(registry, dataset);
            try {
                sources.put(dataset, Datasets.create(d, root.dataRoot()));
            } catch (BadInputException e) {
                throw new BadInputException("dataset '" + dataset + "' has nothing to fetch: it reads files named in the spec");
            }
        }
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, DatasetSource> e : sources.entrySet()) {
            DatasetFetcher.Outcome outcome = fetcher.fetch(e.getKey(), e.getValue(), wanted.get(e.getKey()));
            outcome.ready().forEach(out::println);
            out.flush();
            problems.addAll(outcome.problems());
        }
        if (!problems.isEmpty()) throw new RunFailedException(String.join("\n", problems));
        return 0;
    }
}
