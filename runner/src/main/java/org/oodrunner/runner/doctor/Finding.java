package org.oodrunner.runner.doctor;

import java.util.List;

/**
 * One line (and its details) of {@code runner doctor}'s screen.
 *
 * @param status  how it stands
 * @param item    what was checked ("Java", "TensorFlow", ...)
 * @param summary what was found, one line
 * @param details further lines (indented under the summary)
 * @param fix     what to do, for {@link Status#MISSING} and {@link Status#WARN}; null otherwise
 */
record Finding(Status status, String item, String summary, List<String> details, String fix) {
    enum Status {
        /** Present and as it should be. */
        OK("ok"),
        /** Worth knowing; nothing to do. */
        NOTE("note"),
        /** Works, but slower or less than it could. */
        WARN("warn"),
        /** Something needed is missing: the framework cannot run as asked. */
        MISSING("MISSING");

        final String label;

        Status(String label) {
            this.label = label;
        }
    }

    Finding {
        details = List.copyOf(details);
    }

    static Finding ok(String item, String summary, String... details) {
        return new Finding(Status.OK, item, summary, List.of(details), null);
    }

    static Finding note(String item, String summary, String... details) {
        return new Finding(Status.NOTE, item, summary, List.of(details), null);
    }

    static Finding warn(String item, String summary, String fix, String... details) {
        return new Finding(Status.WARN, item, summary, List.of(details), fix);
    }

    static Finding missing(String item, String summary, String fix, String... details) {
        return new Finding(Status.MISSING, item, summary, List.of(details), fix);
    }
}
