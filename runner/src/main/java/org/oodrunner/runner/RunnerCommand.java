package org.oodrunner.runner;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.oodrunner.framework.run.cluster.BatchScript;

/**
 * The command that starts this very runner again in another process (a worker of {@code --jobs},
 * or a Slurm task on a node sharing this machine's paths): this JVM's java, its class path, its
 * heap limit, JavaCPP cache and modules. Built code is used as it is: nothing is rebuilt.
 */
final class RunnerCommand {
    private RunnerCommand() {}

    static List<String> current() {
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (int i = 0; i < jvm.size(); i++) {
            String a = jvm.get(i);
            if (a.startsWith("-Xmx") || a.startsWith("-Xms") || a.startsWith("-Dorg.bytedeco.") || a.startsWith("--add-modules=")) {
                cmd.add(a);
            } else if (a.equals("--add-modules") && i + 1 < jvm.size()) {
                cmd.add(a);
                cmd.add(jvm.get(++i));
            }
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("org.oodrunner.runner.Main");
        return cmd;
    }

    /** The same as one shell command line. */
    static String currentForShell() {
        return current().stream().map(BatchScript::quote).collect(Collectors.joining(" "));
    }
}
