package org.oodrunner.framework.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ParamsTest {
    @Test
    void flattensNestedKeysAndListsOfMappings() throws Exception {
        var json = new ObjectMapper().readTree("""
                {"model": {"type": "glow", "levels": 3}, "scorers": ["a", "b"],
                 "data": {"ood": [{"dataset": "mnist"}, {"dataset": "svhn"}]}, "description": null}
                """);
        assertEquals(Map.of("model.type", "glow", "model.levels", "3", "scorers", "[\"a\",\"b\"]",
                "data.ood[0].dataset", "mnist", "data.ood[1].dataset", "svhn", "description", "null"), Params.flatten(json));
    }
}
