package org.oodrunner.framework.run.evaluate;

import java.util.List;
import org.oodrunner.framework.run.Stage;

/** The stages {@code runner evaluate} runs, in order (provided by {@code FrameworkModule} beside the run's). */
public record EvaluationStages(List<Stage> stages) {
    public EvaluationStages {
        stages = List.copyOf(stages);
    }
}
