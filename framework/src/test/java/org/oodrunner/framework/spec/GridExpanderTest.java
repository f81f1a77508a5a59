package org.oodrunner.framework.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.yaml.YamlSpecReader;

class GridExpanderTest {
    private List<GridExpander.Point> expand(String yaml, int max) {
        return new GridExpander(max).expand((MapNode) new YamlSpecReader().read(yaml, "g.yaml"));
    }

    @Test
    void cartesianProductFirstAxisSlowest() {
        List<GridExpander.Point> points = expand("""
                model: {type: realnvp}
                grid:
                  model.mask: [checkerboard, horizontal, cyclic]
                  model.st_net.bottleneck: [null, 16]
                """, 100);
        assertEquals(6, points.size());
        assertEquals(Map.of("model.mask", "checkerboard", "model.st_net.bottleneck", 16L), points.get(1).axes());
        assertEquals(Arrays.asList("horizontal", null), new java.util.ArrayList<>(points.get(2).axes().values()));
        assertEquals(List.of("model.mask", "model.st_net.bottleneck"), List.copyOf(points.get(2).axes().keySet()));
        Object plain = Nodes.toPlain(points.get(5).spec());
        assertEquals(Map.of("model", Map.of("type", "realnvp", "mask", "cyclic", "st_net", Map.of("bottleneck", 16L))), plain);
    }

    @Test
    void theValuesKeepTheirGridPositions() {
        List<GridExpander.Point> points = expand("a: 1\ngrid:\n  b: [x, y]\n", 10);
        assertEquals(new Position("g.yaml", 3, 10), ((MapNode) points.get(1).spec()).get("b").position());
    }

    @Test
    void anOversizedGridIsRefusedWithItsCount() {
        SpecError e = assertThrows(SpecError.class, () -> expand("grid:\n  a: [1, 2, 3, 4]\n  b: [1, 2, 3]\n", 10));
        assertTrue(e.getMessage().contains("12 runs"), e.getMessage());
        assertTrue(e.getMessage().contains("limit of 10"), e.getMessage());
        assertEquals(new Position("g.yaml", 2, 3), e.position());
    }

    @Test
    void badAxesAreRefused() {
        assertThrows(SpecError.class, () -> expand("grid:\n  a: []\n", 10));
        assertThrows(SpecError.class, () -> expand("grid:\n  a: 3\n", 10));
        assertThrows(SpecError.class, () -> expand("grid: [a]\n", 10));
        assertThrows(SpecError.class, () -> expand("grid:\n  'a..b': [1]\n", 10));
    }

    @Test
    void anAxisSplitAtItsDotsIsRefusedWithTheWayToWriteIt() {
        // What `--set grid.model.st_net.bottleneck=[null, 16]` produces: the axis nested under 'model'.
        SpecError e = assertThrows(SpecError.class, () -> expand("grid:\n  model:\n    st_net: {bottleneck: [null, 16]}\n", 10));
        assertEquals("grid axis 'model' is a map, but an axis is a whole dotted path with a list of values, as in "
                + "grid: {model.st_net.bottleneck: [a, b]}; with --set, which splits paths at dots, give the grid whole: "
                + "--set 'grid={model.st_net.bottleneck: [a, b]}'", e.getMessage().substring(e.getMessage().indexOf("grid axis")));
        assertEquals(new Position("g.yaml", 3, 5), e.position());
    }
}
