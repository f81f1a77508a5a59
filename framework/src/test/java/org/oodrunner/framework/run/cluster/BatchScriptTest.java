package org.oodrunner.framework.run.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.model.SlurmSpec;

class BatchScriptTest {
    private static final Path GRID = Path.of("/shared/runs/g-grid-abc");

    @Test
    void defaultsAskForLittleAndAlwaysForTheWarningAndRequeue() {
        String text = new BatchScript("g", GRID, List.of(0, 2, 3), SlurmSpec.DEFAULTS, "/opt/ood/bin/runner").text();
        assertTrue(text.startsWith("#!/bin/bash\n"));
        assertTrue(text.contains("#SBATCH --array=0,2,3\n"));
        assertTrue(text.contains("#SBATCH --requeue\n"));
        assertTrue(text.contains("#SBATCH --signal=B:USR1@120\n"));
        assertTrue(text.contains("#SBATCH --cpus-per-task=2\n"));
        assertTrue(text.contains("#SBATCH --output=/shared/runs/g-grid-abc/slurm/logs/%A_%a.out\n"));
        assertFalse(text.contains("--partition"), "no partition: the cluster's default");
        assertFalse(text.contains("--mem"));
        assertTrue(text.endsWith("exec /opt/ood/bin/runner run --point '/shared/runs/g-grid-abc' \"$SLURM_ARRAY_TASK_ID\"\n"));
    }

    @Test
    void everySettingBecomesItsOption() {
        SlurmSpec s = new SlurmSpec("gpu", "lab", "high", "1-00:00:00", 8, "32G", "gpu:a100:1", 1, 4, "a100",
                List.of("--reservation=paper"), List.of("module load cuda/12.2"), null, 2, 300);
        String text = new BatchScript("kirichenko", GRID, List.of(0, 1, 2, 3, 4, 5), s, "runner").text();
        for (String line : List.of("--partition=gpu", "--account=lab", "--qos=high", "--time=1-00:00:00", "--cpus-per-task=8",
                "--mem=32G", "--gres=gpu:a100:1", "--gpus-per-task=1", "--constraint=a100", "--array=0,1,2,3,4,5%4",
                "--signal=B:USR1@300", "--reservation=paper", "--job-name=kirichenko")) {
            assertTrue(text.contains("#SBATCH " + line + "\n"), line + " in\n" + text);
        }
        assertTrue(text.indexOf("module load cuda/12.2\n") < text.indexOf("exec runner"), "setup runs before the runner");
    }

    @Test
    void slurmsEnvironmentNamesTheTask() {
        SlurmTask t = SlurmTask.fromEnvironment(Map.of("SLURM_JOB_ID", "17", "SLURM_ARRAY_JOB_ID", "12",
                "SLURM_ARRAY_TASK_ID", "5", "SLURM_RESTART_COUNT", "2", "SLURMD_NODENAME", "gpu01")).orElseThrow();
        assertEquals("12_5", t.id());
        assertEquals(2, t.restartCount());
        assertEquals("gpu01", t.node());
        assertTrue(SlurmTask.fromEnvironment(Map.of("HOME", "/root")).isEmpty());
        assertEquals("'it'\"'\"'s'", BatchScript.quote("it's"));
    }
}
