package org.oodrunner.framework.tf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OneDnnSettingTest {
    private static final CpuInfo AVX2_ONLY = new CpuInfo("AMD EPYC", Set.of("avx", "avx2", "fma"));
    private static final CpuInfo WITH_VNNI = new CpuInfo("Intel Xeon", Set.of("avx2", "avx512f", "avx512_vnni"));

    @Test
    void theVariableDecidesWhenItIsABoolean() {
        assertEquals("on (TF_ENABLE_ONEDNN_OPTS=1)", OneDnnSetting.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "1")::get, AVX2_ONLY).toString());
        assertTrue(OneDnnSetting.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "True")::get, AVX2_ONLY).on());
        assertFalse(OneDnnSetting.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "0")::get, WITH_VNNI).on());
        assertFalse(OneDnnSetting.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "false")::get, WITH_VNNI).on());
    }

    @Test
    void unsetOrUnreadableItIsTensorFlowsDefaultForTheCpu() {
        OneDnnSetting avx2 = OneDnnSetting.of(Map.<String, String>of()::get, AVX2_ONLY);
        assertFalse(avx2.on());
        assertTrue(avx2.reason().startsWith("TF_ENABLE_ONEDNN_OPTS unset"), avx2.reason());
        OneDnnSetting vnni = OneDnnSetting.of(Map.of("TF_ENABLE_ONEDNN_OPTS", "yes please")::get, WITH_VNNI);
        assertTrue(vnni.on());
        assertTrue(vnni.reason().contains("is not a boolean") && vnni.reason().contains("avx512_vnni"), vnni.reason());
    }

    @Test
    void cpuInfoReadsTheFirstProcessorsModelAndFlags() {
        CpuInfo cpu = CpuInfo.parse(List.of("processor\t: 0", "model name\t: AMD EPYC 7B13",
                "flags\t\t: fpu sse4_2 avx avx2 fma", "", "processor\t: 1", "model name\t: other", "flags : avx512f"));
        assertEquals("AMD EPYC 7B13", cpu.model());
        assertTrue(cpu.has("avx2"));
        assertFalse(cpu.has("avx512f"));
        assertEquals("SSE4.2, AVX, AVX2, FMA", cpu.vectorFeatures());
        assertEquals("AVX2, AVX-512, AVX-512 VNNI", WITH_VNNI.vectorFeatures());
    }
}
