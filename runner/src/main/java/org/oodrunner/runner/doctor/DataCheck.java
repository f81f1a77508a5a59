package org.oodrunner.runner.doctor;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.ComponentKind;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.data.fetch.DatasetFetcher;
import org.oodrunner.framework.data.fetch.DownloadListener;
import org.oodrunner.framework.data.fetch.Downloader;
import org.oodrunner.framework.data.fetch.VerifiedFiles;
import org.oodrunner.runner.data.DataInventory;

/**
 * The data root and which datasets are ready there (what {@code runner data list} knows), and
 * whether the splits that are needed are: those the given specs read, or, without specs, those
 * of the README's first experiment (Fashion-MNIST train and test, MNIST's first 10,000 digits).
 */
final class DataCheck {
    /** A split a run reads. */
    record Need(String dataset, String split) {
        @Override
        public String toString() {
            return dataset + "/" + split;
        }
    }

    static final List<Need> QUICK_START = List.of(new Need("fashion_mnist", "train"), new Need("fashion_mnist", "test"),
            new Need("mnist", "train_first10k"));

    private DataCheck() {}

    static Finding check(ComponentRegistry registry, Path dataRoot, List<Need> needs, String needsFrom) {
        VerifiedFiles verified = new VerifiedFiles(dataRoot);
        DatasetFetcher fetcher = new DatasetFetcher(verified, new Downloader(verified, DownloadListener.SILENT));
        Map<String, DataInventory> inventories = new LinkedHashMap<>();
        for (ComponentDescriptor<?, ?> d : registry.of(ComponentKind.DATASET).values()) {
            inventories.put(d.name(), DataInventory.inspect(d, dataRoot, fetcher));
        }
        List<String> ready = new ArrayList<>();
        List<String> none = new ArrayList<>();
        for (DataInventory inv : inventories.values()) {
            if (inv.kind() != DataInventory.Kind.FILES) continue;
            if (inv.ready().isEmpty()) none.add(inv.dataset());
            else ready.add(inv.dataset() + " (" + String.join(", ", inv.ready()) + ")");
        }
        List<String> details = new ArrayList<>();
        details.add("ready: " + (ready.isEmpty() ? "none" : String.join(", ", ready)));
        if (!none.isEmpty()) details.add("not on disk: " + String.join(", ", none));

        List<Need> missing = new ArrayList<>();
        Set<String> fixes = new LinkedHashSet<>();
        for (Need need : needs) {
            DataInventory inv = inventories.get(need.dataset());
            if (inv == null || inv.kind() != DataInventory.Kind.FILES) continue; // generated, or files the spec names
            inv.howToGet(need.split()).ifPresent(how -> {
                missing.add(need);
                fixes.add(how);
            });
        }
        String root = dataRoot + (Files.isDirectory(dataRoot) ? "" : " (does not exist yet)");
        String needed = needs.isEmpty() ? "" : "; needed by " + needsFrom + ": "
                + String.join(", ", needs.stream().map(Need::toString).distinct().toList());
        if (!missing.isEmpty()) {
            return Finding.missing("data", root + needed,
                    "missing " + String.join(", ", missing.stream().map(Need::toString).distinct().toList()) + ": "
                            + String.join("; ", fixes) + " (runner data list shows every dataset)",
                    details.toArray(String[]::new));
        }
        return Finding.ok("data", root + needed, details.toArray(String[]::new));
    }
}
