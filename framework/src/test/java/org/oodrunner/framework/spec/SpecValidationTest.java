package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.spec.model.ExperimentSpec;
import org.oodrunner.framework.spec.model.OptimizerSpec;
import org.oodrunner.framework.testing.SpecFixture;
import org.oodrunner.framework.testing.ToyComponents;

/** The whole loading pipeline on the toy components: schema errors, binding, defaults, planning. */
class SpecValidationTest {
    @TempDir
    Path dir;

    SpecFixture specs;

    @BeforeEach
    void setUp() {
        specs = new SpecFixture(dir);
    }

    private String error(String yaml) {
        specs.write("s.yaml", yaml);
        BadInputException e = assertThrows(BadInputException.class, () -> specs.plan("s.yaml"));
        return e.getMessage();
    }

    @Test
    void aValidSpecBindsWithDefaults() {
        specs.write("s.yaml", SpecFixture.minimal());
        ResolvedSpec r = specs.plan("s.yaml");
        ExperimentSpec spec = r.spec();
        assertEquals("toy", spec.name());
        assertEquals(0L, spec.seed());
        assertEquals(64, spec.train().batchSize());
        assertEquals(OptimizerSpec.Type.ADAM, spec.train().optimizer().type());
        assertEquals(1e-3, spec.train().optimizer().lr());
        assertEquals(8, spec.data().preprocess().bits());
        assertEquals(4.0, ((Number) spec.data().ood().get(0).params().get("size")).doubleValue());
        assertEquals("other", spec.data().ood().get(0).label());
        assertEquals(16, r.effective().at("/model/type").isTextual() ? 16 : 0);
        assertEquals(12, r.hash().length());
    }

    @Test
    void componentParametersAreBoundWithTheirDefaults() {
        specs.write("s.yaml", SpecFixture.minimal().replace("{type: toy_model}", "{type: toy_model, kind: large}"));
        ResolvedSpec r = specs.plan("s.yaml");
        var d = specs.injector().getInstance(org.oodrunner.framework.component.ComponentRegistry.class)
                .get(org.oodrunner.framework.component.ComponentKind.MODEL, "toy_model");
        var params = (ToyComponents.ToyModelParams) org.oodrunner.framework.component.ComponentRegistry.bindParams(
                d, r.spec().model().params(), r.sources(), "/model");
        assertEquals(ToyComponents.ToyModelParams.Kind.LARGE, params.kind());
        assertEquals(16, params.width());
    }

    @Test
    void unknownKeyNamesItsPositionAndSuggests() {
        String m = error(SpecFixture.minimal().replace("model: {type: toy_model}", "model: {type: toy_model, widht: 3}"));
        assertEquals("s.yaml:6:26: unknown key 'widht' in 'model'; did you mean 'width'?", m);
    }

    @Test
    void unknownTopLevelKey() {
        String m = error(SpecFixture.minimal() + "trian: {steps: 3}\n");
        assertTrue(m.startsWith("s.yaml:9:1: unknown key 'trian' in the spec; did you mean 'train'?"), m);
    }

    @Test
    void wrongType() {
        String m = error(SpecFixture.minimal() + "train: {batch_size: many}\n");
        assertEquals("s.yaml:9:21: 'train.batch_size' must be an integer, not the string 'many'", m);
    }

    @Test
    void outOfRange() {
        String m = error(SpecFixture.minimal() + "train:\n  optimizer: {lr: 0}\n");
        assertEquals("s.yaml:10:19: 'train.optimizer.lr' is 0; it must be > 0", m);
    }

    @Test
    void unknownComponentSuggestsTheClosestName() {
        String m = error(SpecFixture.minimal().replace("{type: toy_model}", "{type: toy_modle}"));
        assertTrue(m.startsWith("s.yaml:6:15: unknown model 'toy_modle'; did you mean 'toy_model'?"), m);
        String d = error(SpecFixture.minimal().replace("train: {dataset: toy,", "train: {dataset: tyo,"));
        assertTrue(d.startsWith("s.yaml:3:20: unknown dataset 'tyo'; did you mean 'toy'?"), d);
        String s = error(SpecFixture.minimal().replace("scorers: [toy_score]", "scorers: [toy_scor]"));
        assertTrue(s.startsWith("s.yaml:7:11: unknown scorer 'toy_scor'"), s);
    }

    @Test
    void wrongEnumValue() {
        String m = error(SpecFixture.minimal().replace("{type: toy_model}", "{type: toy_model, kind: medium}"));
        assertTrue(m.startsWith("s.yaml:6:32: 'model.kind' is 'medium'"), m);
    }

    @Test
    void missingRequiredKey() {
        String m = error("name: x\nmodel: {type: toy_model}\n");
        assertTrue(m.startsWith("s.yaml:1:1: the spec needs 'data'"), m);
    }

    @Test
    void everyProblemIsReportedOneLineEach() {
        String m = error(SpecFixture.minimal() + "train: {batch_size: 0, epocs: 2}\n");
        assertEquals(2, m.lines().count(), m);
    }

    @Test
    void plannerRefusesAMissingSplitAndAScorerTheModelCannotServe() {
        String split = error(SpecFixture.minimal().replace("split: train}", "split: trian}"));
        assertTrue(split.startsWith("s.yaml:3:32: dataset 'toy' has no split 'trian'; did you mean 'train'?"), split);
        String capability = error(SpecFixture.minimal().replace("scorers: [toy_score]", "scorers: [toy_score, toy_logits]"));
        assertTrue(capability.contains("scorer 'toy_logits' needs logits, which model 'toy_model' does not provide"),
                capability);
        assertTrue(capability.startsWith("s.yaml:7:22:"), capability);
    }

    @Test
    void duplicateEvaluationLabelsAreRefused() {
        String m = error(SpecFixture.minimal().replace("label: other, ", ""));
        assertTrue(m.contains("two evaluation sets are both named 'toy/test'"), m);
    }

    @Test
    void overridesApplyBeforeValidation() {
        specs.write("s.yaml", SpecFixture.minimal());
        var runs = specs.load("s.yaml", new SpecLoader.Options(List.of("train.steps=5", "seed=3"), 10, k -> null));
        assertEquals(5, runs.get(0).spec().train().steps());
        assertEquals(3L, runs.get(0).spec().seed());
        BadInputException e = assertThrows(BadInputException.class,
                () -> specs.load("s.yaml", new SpecLoader.Options(List.of("train.steps=-1"), 10, k -> null)));
        assertEquals("--set train.steps=-1: 'train.steps' is -1; it must be >= 0", e.getMessage());
    }

    @Test
    void gridPointsHaveDistinctStableHashes() {
        specs.write("g.yaml", SpecFixture.minimal() + "grid:\n  seed: [1, 2, 3]\n  model.width: [4, 8]\n");
        var first = specs.load("g.yaml");
        var again = specs.load("g.yaml");
        assertEquals(6, first.size());
        assertEquals(6, first.stream().map(ResolvedSpec::hash).distinct().count());
        for (int i = 0; i < 6; i++) assertEquals(first.get(i).hash(), again.get(i).hash());
        assertEquals("toy[seed=1, model.width=8]", first.get(1).runName());
        assertNotEquals(first.get(0).hash(), first.get(1).hash());
    }
}
