package org.oodrunner.framework.tf;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Whether TensorFlow runs oneDNN's CPU kernels in this process. TensorFlow 2.18 (in TensorFlow
 * Java 1.1.0) decides once, when its native library loads: {@code TF_ENABLE_ONEDNN_OPTS} true or 1
 * turns them on, false or 0 off; unset (or unreadable) it turns them on only on CPUs with
 * AVX-512 VNNI/BF16, AVX-VNNI or AMX. A Java program cannot change its own environment, so this is
 * an environment setting: {@code bin/runner} and the tests set it to 1 before the JVM starts.
 *
 * @param on     whether the kernels are on
 * @param reason why, for a person: the variable's value or TensorFlow's default for this CPU
 */
public record OneDnnSetting(boolean on, String reason) {
    public static final String VARIABLE = "TF_ENABLE_ONEDNN_OPTS";

    /** The CPU features for which TensorFlow turns oneDNN on by itself (tensorflow/core/util/util.cc). */
    private static final List<String> DEFAULT_ON_FEATURES =
            List.of("avx512_vnni", "avx512_bf16", "avx_vnni", "amx_tile", "amx_int8", "amx_bf16");

    /** This process's setting. */
    public static OneDnnSetting current() {
        return of(System::getenv, CpuInfo.current());
    }

    public static OneDnnSetting of(Function<String, String> env, CpuInfo cpu) {
        String value = env.apply(VARIABLE);
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT);
            if (v.equals("1") || v.equals("true")) return new OneDnnSetting(true, VARIABLE + "=" + value);
            if (v.equals("0") || v.equals("false")) return new OneDnnSetting(false, VARIABLE + "=" + value);
        }
        String prefix = value == null ? VARIABLE + " unset" : VARIABLE + "=" + value + " is not a boolean";
        List<String> features = DEFAULT_ON_FEATURES.stream().filter(cpu::has).toList();
        return features.isEmpty()
                ? new OneDnnSetting(false, prefix + ": TensorFlow's default on a CPU without AVX-512 VNNI/BF16, AVX-VNNI or AMX")
                : new OneDnnSetting(true, prefix + ": TensorFlow's default on a CPU with " + String.join(", ", features));
    }

    /** "on (TF_ENABLE_ONEDNN_OPTS=1)" and the like. */
    @Override
    public String toString() {
        return (on ? "on" : "off") + " (" + reason + ")";
    }
}
