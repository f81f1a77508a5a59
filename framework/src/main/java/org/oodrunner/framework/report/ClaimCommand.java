package org.oodrunner.framework.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.oodrunner.framework.run.Provenance;

/**
 * A run's recorded command as the "Paper vs here" table shows it: without the options that
 * change where a run is written, tracked or executed but not the experiment it runs ({@code --out},
 * {@code --tracking-uri}, {@code --executor}, {@code --jobs}, {@code --devices}, {@code --wait},
 * {@code --force}, {@code --debug}, and {@code --set runtime.*} / {@code --set tracking.*}). The
 * runs' own tables keep the command in full; this one keeps the table readable, one command per
 * claim instead of a paragraph.
 */
final class ClaimCommand {
    private ClaimCommand() {}

    private static final Set<String> WITH_VALUE = Set.of("--out", "--tracking-uri", "--executor", "--jobs", "--devices");
    private static final Set<String> FLAGS = Set.of("--wait", "--force", "--debug");

    /** {@code recorded} (as {@link Provenance} writes it: POSIX-shell quoting) without local options. */
    static String essential(String recorded) {
        List<String> words = Provenance.words(recorded);
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < words.size(); i++) {
            String w = words.get(i);
            String option = w.contains("=") && w.startsWith("--") ? w.substring(0, w.indexOf('=')) : w;
            if (WITH_VALUE.contains(option)) {
                if (option.equals(w)) i++; // the value is the next word
                continue;
            }
            if (FLAGS.contains(w)) continue;
            if (option.equals("--set")) {
                String assignment = option.equals(w) ? (i + 1 < words.size() ? words.get(i + 1) : "") : w.substring(6);
                if (assignment.startsWith("runtime.") || assignment.startsWith("tracking.")) {
                    if (option.equals(w)) i++;
                    continue;
                }
            }
            kept.add(w);
        }
        StringBuilder b = new StringBuilder();
        for (String w : kept) b.append(b.length() == 0 ? "" : " ").append(Provenance.quote(w));
        return b.toString();
    }
}
