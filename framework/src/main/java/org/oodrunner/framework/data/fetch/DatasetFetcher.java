package org.oodrunner.framework.data.fetch;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Makes a dataset's splits available on disk: for each split, a file set that is already
 * complete and verified, or else the first one that downloads and verifies. Where nothing
 * works, the error says for every missing split which files to place in which folder, or
 * what to install.
 */
public final class DatasetFetcher {
    private final VerifiedFiles verified;
    private final Downloader downloader;

    public DatasetFetcher(VerifiedFiles verified, Downloader downloader) {
        this.verified = verified;
        this.downloader = downloader;
    }

    /** The state of one file set on disk. */
    public record SetState(FileSet set, Map<RemoteFile, VerifiedFiles.Check> checks) {
        /** Every file present and, where a checksum is published, verified. */
        public boolean complete() {
            return checks.values().stream().allMatch(c -> c.status() == VerifiedFiles.Status.VERIFIED
                    || c.status() == VerifiedFiles.Status.UNCHECKED);
        }

        public boolean verified() {
            return checks.values().stream().allMatch(c -> c.status() == VerifiedFiles.Status.VERIFIED);
        }

        public List<RemoteFile> with(VerifiedFiles.Status status) {
            return checks.entrySet().stream().filter(e -> e.getValue().status() == status).map(Map.Entry::getKey).toList();
        }
    }

    /** The state of every file set of {@code source}, hashing files not verified before. */
    public List<SetState> inspect(DatasetSource source) {
        List<SetState> out = new ArrayList<>();
        for (FileSet set : source.fileSets()) out.add(inspect(set));
        return out;
    }

    public SetState inspect(FileSet set) {
        Map<RemoteFile, VerifiedFiles.Check> checks = new LinkedHashMap<>();
        for (RemoteFile f : set.files()) {
            try {
                checks.put(f, verified.check(set.path(f), f));
            } catch (IOException e) {
                throw new RunFailedException("cannot read " + set.path(f) + " (" + e.getMessage() + ")", e);
            }
        }
        return new SetState(set, checks);
    }

    /**
     * What a fetch achieved.
     *
     * @param ready one line per available split, saying where it is
     * @param problems one line per group of splits that could not be made available: why, and
     *     exactly what to do by hand; empty when everything is there
     */
    public record Outcome(List<String> ready, List<String> problems) {
        public boolean complete() {
            return problems.isEmpty();
        }
    }

    /**
     * Makes {@code splits} of {@code dataset} available (every split some file set provides,
     * when {@code splits} is empty). Splits that succeed stay fetched whatever happens to others.
     */
    public Outcome fetch(String dataset, DatasetSource source, List<String> splits) {
        List<FileSet> sets = source.fileSets();
        if (sets.isEmpty()) {
            throw new BadInputException("dataset '" + dataset + "' has nothing to fetch: it is generated from the seed "
                    + "or read from a folder named in the spec");
        }
        Set<String> wanted = new LinkedHashSet<>(splits);
        if (wanted.isEmpty()) sets.forEach(s -> wanted.addAll(s.splits()));
        for (String split : wanted) {
            if (sets.stream().noneMatch(s -> s.splits().contains(split))) {
                throw new BadInputException("dataset '" + dataset + "' has no split '" + split + "' to fetch; it has "
                        + String.join(", ", source.splits()));
            }
        }
        Map<FileSet, String> failures = new HashMap<>();
        Set<FileSet> ready = new LinkedHashSet<>();
        List<String> done = new ArrayList<>();
        Map<String, List<FileSet>> missing = new LinkedHashMap<>();
        for (String split : wanted) {
            List<FileSet> candidates = sets.stream().filter(s -> s.splits().contains(split)).toList();
            FileSet via = candidates.stream().filter(ready::contains).findFirst().orElse(null);
            if (via == null) via = candidates.stream().filter(s -> inspect(s).complete()).findFirst().orElse(null);
            if (via == null) {
                for (FileSet s : candidates) {
                    if (!s.downloadable() || failures.containsKey(s)) continue;
                    try {
                        download(s);
                        via = s;
                        break;
                    } catch (RunFailedException e) {
                        failures.put(s, e.getMessage());
                    }
                }
            }
            if (via != null) {
                ready.add(via);
                done.add(dataset + "/" + split + ": ready in " + via.dir() + " (" + via.title() + ")");
            } else {
                missing.put(split, candidates);
            }
        }
        return new Outcome(done, explain(dataset, missing, failures));
    }

    private void download(FileSet set) {
        SetState state = inspect(set);
        for (RemoteFile f : set.files()) {
            if (state.checks().get(f).status() == VerifiedFiles.Status.VERIFIED) continue;
            if (state.checks().get(f).status() == VerifiedFiles.Status.UNCHECKED) continue;
            downloader.fetch(f, set.path(f));
        }
    }

    private static List<String> explain(String dataset, Map<String, List<FileSet>> missing, Map<FileSet, String> failures) {
        // Splits that share the same candidate sets are explained together.
        Map<List<FileSet>, List<String>> bySets = new LinkedHashMap<>();
        missing.forEach((split, sets) -> bySets.computeIfAbsent(sets, k -> new ArrayList<>()).add(dataset + "/" + split));
        List<String> lines = new ArrayList<>();
        bySets.forEach((sets, names) -> {
            StringBuilder sb = new StringBuilder(String.join(", ", names)).append(" not available");
            for (FileSet s : sets) {
                String failure = failures.get(s);
                if (failure != null) sb.append("; ").append(failure);
            }
            sb.append(". To get ").append(names.size() == 1 ? "it" : "them").append(": ");
            List<String> ways = new ArrayList<>();
            for (FileSet s : sets) ways.add(s.manualInstructions() + " [" + s.title() + "]");
            sb.append(String.join(", or ", ways));
            lines.add(sb.toString());
        });
        return lines;
    }
}
