package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.errors.RunFailedException;
import org.oodrunner.framework.spec.model.RuntimeSpec;
import org.oodrunner.framework.spec.model.RuntimeSpec.Device;

class TfRuntimeTest {
    static RuntimeSpec on(Device d) {
        return new RuntimeSpec(d, 0, 0);
    }

    @Test
    void cpuNeverAsksForAGpu() {
        try (TfRuntime rt = new TfRuntime(on(Device.CPU), () -> {
            throw new AssertionError("no probe for cpu");
        })) {
            assertEquals(TfRuntime.Placement.CPU, rt.placement());
        }
    }

    @Test
    void gpuWithoutOneIsAClearErrorAndAutoFallsBack() {
        RunFailedException e = assertThrows(RunFailedException.class,
                () -> new TfRuntime(on(Device.GPU), () -> Optional.of("the CPU build of TensorFlow is on the class path")));
        assertEquals("runtime.device is gpu but the CPU build of TensorFlow is on the class path; or set runtime.device: "
                + "auto to fall back to the CPU", e.getMessage());
        try (TfRuntime rt = new TfRuntime(on(Device.AUTO), () -> Optional.of("no GPU"))) {
            assertEquals(TfRuntime.Placement.CPU, rt.placement());
        }
        try (TfRuntime rt = new TfRuntime(on(Device.AUTO), Optional::empty)) {
            assertEquals(TfRuntime.Placement.GPU, rt.placement());
        }
    }

    @Test
    void theProbeAgreesWithWhatThisMachineCanDo() {
        Optional<String> why = GpuProbe.unavailable();
        if (why.isPresent()) {
            // The CPU build (this project's default) must say so, and `gpu` must refuse to start.
            assertTrue(why.get().contains("CPU build") || why.get().contains("no usable GPU"), why.get());
            RunFailedException e = assertThrows(RunFailedException.class, () -> new TfRuntime(on(Device.GPU)));
            assertTrue(e.getMessage().startsWith("runtime.device is gpu but "), e.getMessage());
        } else {
            try (TfRuntime rt = new TfRuntime(on(Device.GPU))) {
                assertEquals(TfRuntime.Placement.GPU, rt.placement());
                rt.session();
            }
        }
    }
}
