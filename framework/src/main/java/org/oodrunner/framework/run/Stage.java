package org.oodrunner.framework.run;

/** One step of a run. It reads the context and writes its results to it. */
public interface Stage {
    /** A short name for logs and progress ("data", "train", ...). */
    String name();

    void run(RunContext context);
}
