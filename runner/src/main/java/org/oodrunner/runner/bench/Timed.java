package org.oodrunner.runner.bench;

import java.lang.management.ManagementFactory;

/**
 * The wall time and the CPU time of this process taken by one piece of work. CPU time counts
 * every thread (TensorFlow's and the batch thread), and is less disturbed than wall time by
 * other processes competing for the cores.
 */
record Timed(double wallSeconds, double cpuSeconds) {
    static Timed of(Runnable work) {
        long cpu = processCpuNanos();
        long wall = System.nanoTime();
        work.run();
        return new Timed((System.nanoTime() - wall) / 1e9, (processCpuNanos() - cpu) / 1e9);
    }

    /** CPU time of this process, every thread. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        throw new IllegalStateException("this JVM does not report process CPU time");
    }
}
