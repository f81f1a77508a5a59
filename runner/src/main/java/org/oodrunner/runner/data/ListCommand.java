package org.oodrunner.runner.data;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.data.fetch.DatasetFetcher;
import org.oodrunner.framework.data.fetch.DownloadListener;
import org.oodrunner.framework.data.fetch.Downloader;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.data.fetch.RemoteFile;
import org.oodrunner.framework.data.fetch.VerifiedFiles;
import org.oodrunner.framework.Injectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;

/** {@code runner data list}: every dataset, where its files are and whether they verified. */
@Command(name = "list", mixinStandardHelpOptions = true, description = {
        "Show every dataset: for each way of obtaining it, its splits, its folder and whether its files are there and",
        "match their published SHA-256 (verified results are remembered; changed files are hashed again)."})
final class ListCommand implements Callable<Integer> {
    @Mixin
    DataRootOption root;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        ComponentRegistry registry = Injectors.create(root.settings()).getInstance(ComponentRegistry.class);
        PrintWriter out = command.commandLine().getOut();
        VerifiedFiles verified = new VerifiedFiles(root.dataRoot());
        DatasetFetcher fetcher = new DatasetFetcher(verified, new Downloader(verified, DownloadListener.SILENT));
        out.println("data root: " + root.dataRoot());
        for (ComponentDescriptor<?, ?> d : registry.of(ComponentKind.DATASET).values()) {
            out.println();
            out.println(d.name() + "  " + d.summary());
            DataInventory inventory = DataInventory.inspect(d, root.dataRoot(), fetcher);
            if (inventory.kind() == DataInventory.Kind.SPEC_FILES) {
                out.println("  reads the files its spec names (" + String.join(", ", required(d)) + "); nothing to fetch");
                continue;
            }
            if (inventory.kind() == DataInventory.Kind.GENERATED) {
                out.println("  generated from the run's seed; nothing to fetch");
                continue;
            }
            List<DatasetFetcher.SetState> states = inventory.states();
            Set<String> ready = inventory.ready();
            out.println("  ready: " + (ready.isEmpty() ? "none" : String.join(", ", ready)));
            for (DatasetFetcher.SetState s : states) {
                out.printf("  %-10s %-28s %s  [%s]%n", status(s), String.join(", ", s.set().splits()), s.set().dir(),
                        s.set().title());
                for (RemoteFile f : s.with(VerifiedFiles.Status.MISMATCH)) {
                    VerifiedFiles.Check c = s.checks().get(f);
                    out.println("      " + f.name() + ": " + c.actualSize() + " bytes"
                            + (c.actualSha256() == null ? "" : ", SHA-256 " + c.actualSha256()) + "; expected " + f.size()
                            + " bytes, SHA-256 " + f.sha256() + ": damaged or another version; "
                            + howToGet(d.name(), s.set()));
                }
                if (!s.complete() && s.with(VerifiedFiles.Status.MISMATCH).isEmpty()) {
                    List<String> missing = s.with(VerifiedFiles.Status.MISSING).stream().map(RemoteFile::name).toList();
                    if (missing.size() < s.set().files().size()) out.println("      missing: " + String.join(", ", missing));
                    out.println("      to get: " + howToGet(d.name(), s.set()));
                }
            }
        }
        out.flush();
        return 0;
    }

    private static String status(DatasetFetcher.SetState s) {
        if (s.verified()) return "verified";
        if (s.complete()) return "present";
        if (!s.with(VerifiedFiles.Status.MISMATCH).isEmpty()) return "MISMATCH";
        return s.with(VerifiedFiles.Status.MISSING).size() == s.set().files().size() ? "missing" : "incomplete";
    }

    private static String howToGet(String dataset, FileSet set) {
        return DataInventory.howToGet(dataset, set);
    }

    private static List<String> required(ComponentDescriptor<?, ?> d) {
        List<String> out = new ArrayList<>();
        d.params().stream().filter(p -> p.required()).forEach(p -> out.add(p.name() + ":"));
        return out;
    }
}
