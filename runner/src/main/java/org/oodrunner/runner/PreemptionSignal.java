package org.oodrunner.runner;

import java.io.PrintWriter;
import org.oodrunner.framework.run.StopSignal;
import sun.misc.Signal;

/**
 * Slurm's warning before a time limit or a preemption ({@code --signal=B:USR1@SECONDS}): the run
 * stops at its next safe point with a checkpoint, as on Ctrl-C, and the point is requeued rather
 * than recorded as ended. Whether the warning came is what tells the two apart.
 */
final class PreemptionSignal {
    private volatile boolean received;

    /** Listens for USR1 from now on, for the rest of the process. */
    static PreemptionSignal install(StopSignal stop, PrintWriter err) {
        PreemptionSignal p = new PreemptionSignal();
        Signal.handle(new Signal("USR1"), s -> {
            p.received = true;
            err.println("stopping: Slurm's time limit or a preemption is near (USR1); saving a checkpoint, then requeueing");
            err.flush();
            stop.request("Slurm asked the task to stop (USR1: time limit or preemption)");
        });
        return p;
    }

    public boolean received() {
        return received;
    }
}
