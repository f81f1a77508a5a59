package org.oodrunner.runner.data;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.oodrunner.framework.component.ComponentDescriptor;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.fetch.DatasetFetcher;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.errors.BadInputException;

/**
 * What is on disk for one registered dataset: which of its splits are ready (a complete file set
 * provides them) and how to get the others. Shared by {@code runner data list} and {@code runner doctor}.
 *
 * @param dataset the dataset's name
 * @param kind    whether it has files to obtain at all
 * @param splits  its splits (empty unless {@link Kind#FILES})
 * @param ready   the splits a complete file set provides
 * @param states  each file set's state on disk
 */
public record DataInventory(String dataset, Kind kind, List<String> splits, Set<String> ready,
        List<DatasetFetcher.SetState> states) {

    public enum Kind {
        /** Published files, fetched or placed in the data root (or found where a package installs them). */
        FILES,
        /** Generated from the run's seed: nothing to obtain. */
        GENERATED,
        /** Reads the files its spec names: nothing this command can check. */
        SPEC_FILES
    }

    /** Inspects a dataset with its default parameters (hashing files not verified before). */
    public static DataInventory inspect(ComponentDescriptor<?, ?> d, Path dataRoot, DatasetFetcher fetcher) {
        DatasetSource source;
        try {
            source = Datasets.create(d, dataRoot);
        } catch (BadInputException e) {
            return new DataInventory(d.name(), Kind.SPEC_FILES, List.of(), Set.of(), List.of());
        }
        if (source.fileSets().isEmpty()) return new DataInventory(d.name(), Kind.GENERATED, List.of(), Set.of(), List.of());
        List<DatasetFetcher.SetState> states = fetcher.inspect(source);
        Set<String> ready = new LinkedHashSet<>();
        for (String split : source.splits()) {
            if (states.stream().anyMatch(s -> s.complete() && s.set().splits().contains(split))) ready.add(split);
        }
        return new DataInventory(d.name(), Kind.FILES, source.splits(), ready, states);
    }

    /** How to get a split that is not ready: the fetch command, or what to do by hand; empty when it is ready. */
    public Optional<String> howToGet(String split) {
        if (kind != Kind.FILES || ready.contains(split)) return Optional.empty();
        FileSet best = states.stream().map(DatasetFetcher.SetState::set).filter(s -> s.splits().contains(split))
                .filter(FileSet::downloadable).findFirst()
                .orElseGet(() -> states.stream().map(DatasetFetcher.SetState::set).filter(s -> s.splits().contains(split))
                        .findFirst().orElse(null));
        if (best == null) return Optional.of("'" + split + "' is not a split of " + dataset + " (" + String.join(", ", splits) + ")");
        return Optional.of(howToGet(dataset, best, split));
    }

    static String howToGet(String dataset, FileSet set) {
        return howToGet(dataset, set, set.splits().size() == 1 ? set.splits().get(0) : null);
    }

    private static String howToGet(String dataset, FileSet set, String split) {
        return set.downloadable() ? "runner data fetch " + dataset + (split == null ? "" : "/" + split)
                : set.manualInstructions();
    }
}
