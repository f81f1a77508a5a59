package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What provenance records of the machine and the command line. */
class CpuInfoTest {
    @Test
    void theModelAndTheVectorFeaturesOfTheFirstProcessor() {
        CpuInfo x86 = CpuInfo.parse("processor\t: 0\nmodel name\t: AMD EPYC 7B13\nflags\t\t: fpu sse4_2 avx fma avx2 sse4_2\n"
                + "\nprocessor\t: 1\nmodel name\t: other\nflags\t\t: avx512f\n");
        assertEquals(new CpuInfo("AMD EPYC 7B13", List.of("sse4_2", "avx", "avx2", "fma")), x86);
        CpuInfo arm = CpuInfo.parse("processor\t: 0\nFeatures\t: fp asimd evtstrm sve\nModel\t: Raspberry Pi\n");
        assertEquals(List.of("asimd", "sve"), arm.vectorFeatures());
        assertEquals("Raspberry Pi", arm.model());
    }

    @Test
    void theCommandIsWhatFollowsTheLaunchersMainClass() {
        String[] jvm = {"-Xmx8g", "-cp", "a.jar:lib/*", "org.oodrunner.runner.Main", "run", "experiments/x.yaml", "--set",
            "train.steps=2", "--set", "model.name=two words"};
        assertEquals(Optional.of("runner run experiments/x.yaml --set train.steps=2 --set 'model.name=two words'"),
                Provenance.command(jvm));
        assertEquals(Optional.empty(), Provenance.command(new String[] {"-cp", "x", "org.junit.Launcher"}));
        assertEquals(Optional.empty(), Provenance.command(null));
    }
}
