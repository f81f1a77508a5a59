package org.oodrunner.runner.doctor;

import org.bytedeco.javacpp.Loader;

/**
 * Which TensorFlow native build is on the class path: the CPU one ({@code tensorflow-core-native}
 * classifier {@code linux-x86_64}) or the CUDA one ({@code linux-x86_64-gpu}). Told by the folder
 * the native jar holds its libraries in, without loading them.
 *
 * @param platform JavaCPP's name for this platform, e.g. linux-x86_64
 * @param gpu      whether the CUDA build is on the class path
 * @param cpu      whether the CPU build is on the class path
 */
record TensorFlowBuild(String platform, boolean gpu, boolean cpu) {
    private static final String NATIVE_DIR = "org/tensorflow/internal/c_api/";

    static TensorFlowBuild onClassPath() {
        String platform = Loader.getPlatform();
        ClassLoader loader = TensorFlowBuild.class.getClassLoader();
        return new TensorFlowBuild(platform, loader.getResource(NATIVE_DIR + platform + "-gpu/") != null,
                loader.getResource(NATIVE_DIR + platform + "/") != null);
    }

    String describe() {
        if (gpu && cpu) return "both the CPU and the GPU build are on the class path (keep one)";
        if (gpu) return "GPU build (tensorflow-core-native " + platform + "-gpu)";
        if (cpu) return "CPU build (tensorflow-core-native " + platform + ")";
        return "no native build for " + platform + " on the class path";
    }
}
