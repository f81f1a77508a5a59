package org.oodrunner.framework.tf;

import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;
import org.tensorflow.types.TFloat32;

/**
 * Finds out whether TensorFlow can run ops on a GPU: it pins one small op to
 * {@code /device:GPU:0}, forbids soft placement and runs it. That answers both questions at once
 * (is the GPU build on the class path, and does it see a CUDA device) through public API only.
 */
public final class GpuProbe {
    private GpuProbe() {}

    /** Empty when a GPU is usable; otherwise why not, as a phrase that completes "... but ...". */
    public static Optional<String> unavailable() {
        return unavailable(0);
    }

    /** The same question for {@code /device:GPU:index} (runner doctor counts the GPUs TensorFlow sees). */
    public static Optional<String> unavailable(int index) {
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
                    .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(index).build());
            Operand<TFloat32> sum = tf.math.add(tf.constant(1f), tf.constant(1f));
            ConfigProto config = ConfigProto.newBuilder()
                    .setAllowSoftPlacement(false)
                    .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true))
                    .build();
            try (Session s = new Session(g, config); Result ignored = s.runner().fetch(sum).run()) {
                return Optional.empty();
            }
        } catch (TensorFlowException | IllegalArgumentException | IllegalStateException e) {
            String m = String.valueOf(e.getMessage());
            if (m.contains("no supported kernel for GPU")) {
                return Optional.of("the CPU build of TensorFlow is on the class path (build the runner with the GPU "
                        + "build: OOD_RUNNER_GPU=1 bin/runner ..., or mvn -Pgpu; it needs CUDA 12 and cuDNN 9)");
            }
            int nl = m.indexOf('\n');
            return Optional.of("TensorFlow sees no usable GPU (" + (nl < 0 ? m : m.substring(0, nl))
                    + "; check nvidia-smi, CUDA_VISIBLE_DEVICES and that CUDA 12 and cuDNN 9 libraries are installed)");
        }
    }
}
