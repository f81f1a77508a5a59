package org.oodrunner.runner.doctor;

import com.google.inject.Injector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.oodrunner.framework.Injectors;
import org.oodrunner.framework.component.ComponentRegistry;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.run.RunSettings;
import org.oodrunner.framework.spec.ResolvedSpec;
import org.oodrunner.framework.spec.SpecLoader;
import org.oodrunner.framework.spec.model.DataSpec;
import org.oodrunner.framework.spec.model.DatasetRef;
import org.oodrunner.framework.tf.CpuInfo;
import org.oodrunner.framework.tf.OneDnnSetting;
import org.oodrunner.runner.data.DataRootOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code runner doctor}: one screen saying whether this machine can run the framework and how
 * well. Exits 1 with the fixes when something needed is missing (TensorFlow does not load, the
 * data a run needs is not there, a tracking server that is set cannot be used).
 */
@Command(name = "doctor", mixinStandardHelpOptions = true, description = {
        "Check that this machine can run experiments, and how well: Java, TensorFlow's build, CPU vector features,",
        "oneDNN, GPUs and CUDA/cuDNN libraries (GPU build), the JavaCPP cache, the data root and which datasets are",
        "ready, the tracking server, Slurm's commands. Exits 1 with the fix when something needed is missing.",
        "Without SPEC, the data needed is the README's first experiment's; with SPECs, what they read.",
        "On a cluster, run it on a compute node."})
public final class DoctorCommand implements Callable<Integer> {
    @Parameters(arity = "0..*", paramLabel = "SPEC", description = "specs whose data must be ready (default: the README's first experiment's)")
    List<Path> specs = new ArrayList<>();

    @Mixin
    DataRootOption root;

    @Option(names = "--tracking-uri", paramLabel = "URI",
            description = "the MLflow server to check (default: $MLFLOW_TRACKING_URI; none: none)")
    String trackingUri;

    @Spec
    picocli.CommandLine.Model.CommandSpec command;

    @Override
    public Integer call() {
        Function<String, String> env = System::getenv;
        PrintWriter out = command.commandLine().getOut();
        Path dataRoot = root.dataRoot();
        Injector injector = Injectors.create(new RunSettings(Path.of("runs"), dataRoot, null));
        out.println("runner doctor: can this machine run experiments, and how well?");
        out.println();
        out.flush();

        List<Finding> findings = new ArrayList<>();
        CpuInfo cpu = CpuInfo.current();
        TensorFlowBuild build = TensorFlowBuild.onClassPath();
        show(out, findings, RuntimeChecks.java());
        show(out, findings, RuntimeChecks.tensorflow(build));
        show(out, findings, RuntimeChecks.cpu(cpu));
        show(out, findings, RuntimeChecks.oneDnn(OneDnnSetting.of(env, cpu)));
        show(out, findings, new GpuChecks(env).check(build));
        show(out, findings, RuntimeChecks.javacppCache());
        List<DataCheck.Need> needs = specs.isEmpty() ? DataCheck.QUICK_START : needs(injector.getInstance(SpecLoader.class));
        String needsFrom = specs.isEmpty() ? "the README's first experiment" : String.join(", ", specs.stream().map(Path::toString).toList());
        show(out, findings, DataCheck.check(injector.getInstance(ComponentRegistry.class), dataRoot, needs, needsFrom));
        show(out, findings, MlflowCheck.check(trackingUri, env));
        show(out, findings, SlurmCheck.check(env));
        out.println();

        List<Finding> missing = findings.stream().filter(f -> f.status() == Finding.Status.MISSING).toList();
        if (missing.isEmpty()) {
            long warnings = findings.stream().filter(f -> f.status() == Finding.Status.WARN).count();
            out.println("this machine can run experiments" + (warnings == 0 ? "." : " (" + warnings
                    + (warnings == 1 ? " warning" : " warnings") + " above: faster with the fix)."));
            out.flush();
            return 0;
        }
        out.flush();
        throw new RunFailedException(String.join("\n", missing.stream()
                .map(f -> f.item() + ": " + f.fix()).toList()));
    }

    private static void show(PrintWriter out, List<Finding> findings, Finding f) {
        findings.add(f);
        out.printf(Locale.ROOT, "%-8s %-14s %s%n", f.status().label, f.item(), f.summary());
        for (String d : f.details()) out.printf(Locale.ROOT, "%-8s %-14s   %s%n", "", "", d);
        if (f.fix() != null) out.printf(Locale.ROOT, "%-8s %-14s   fix: %s%n", "", "", f.fix());
        out.flush();
    }

    private List<DataCheck.Need> needs(SpecLoader loader) {
        List<DataCheck.Need> needs = new ArrayList<>();
        for (Path spec : specs) {
            for (ResolvedSpec run : loader.load(spec, spec.toString(), new SpecLoader.Options(List.of(), 512, System::getenv))) {
                DataSpec data = run.spec().data();
                List<DatasetRef> refs = new ArrayList<>(List.of(data.train(), data.test()));
                if (data.ood() != null) refs.addAll(data.ood());
                for (DatasetRef ref : refs) {
                    if (ref != null && ref.split() != null) needs.add(new DataCheck.Need(ref.dataset(), ref.split()));
                }
            }
        }
        return needs;
    }
}
