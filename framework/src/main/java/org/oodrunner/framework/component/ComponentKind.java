package org.oodrunner.framework.component;

import java.util.Locale;

/** What a spec can name. Each kind has its own name space. */
public enum ComponentKind {
    DATASET,
    MODEL,
    SCORER,
    METRIC;

    /** The word used in specs and messages: "dataset", "model", ... */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
