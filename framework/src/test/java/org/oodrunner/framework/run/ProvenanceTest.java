package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The recorded command's quoting: what {@link Provenance#quote} writes, {@link Provenance#words} reads back. */
class ProvenanceTest {
    @Test
    void readsShellQuotingBack() {
        assertEquals(List.of("runner", "run", "it's here", "a b", "--set", "x=[1, 2]"),
                Provenance.words("runner run 'it'\\''s here' a\\ b --set 'x=[1, 2]'"));
    }

    @Test
    void wordsIsTheInverseOfQuote() {
        List<String> awkward = List.of("runner", "model.name=o'brien [x, y]", "", "tab\there", "$HOME", "--set=a b");
        StringBuilder line = new StringBuilder();
        for (String w : awkward) line.append(line.length() == 0 ? "" : " ").append(Provenance.quote(w));
        assertEquals(awkward, Provenance.words(line.toString()));
    }
}
