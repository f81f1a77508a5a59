package org.oodrunner.framework.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.oodrunner.framework.spec.node.ListNode;
import org.oodrunner.framework.spec.node.MapNode;
import org.oodrunner.framework.spec.node.Nodes;
import org.oodrunner.framework.spec.node.SpecNode;

/**
 * Expands {@code grid:} (dotted path -> list of values) into the cartesian product of its
 * axes, first axis slowest. A spec without a grid is one point with no axes.
 */
public final class GridExpander {
    public static final String GRID = "grid";

    /** One concrete spec of a grid and the axis values that made it, in axis order. */
    public record Point(MapNode spec, Map<String, Object> axes) {}

    private final int maxPoints;

    public GridExpander(int maxPoints) {
        this.maxPoints = maxPoints;
    }

    public List<Point> expand(MapNode spec) {
        SpecNode grid = spec.get(GRID);
        MapNode base = spec.without(GRID);
        if (grid == null) return List.of(new Point(base, Map.of()));
        if (!(grid instanceof MapNode axesNode)) {
            throw new SpecError(grid.position(), "grid maps dotted paths to lists of values, e.g. "
                    + "grid: {model.mask: [checkerboard, cyclic]}; found " + grid.kindName());
        }
        List<SpecPath> paths = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<ListNode> values = new ArrayList<>();
        long count = 1;
        for (Map.Entry<String, SpecNode> axis : axesNode.entries().entrySet()) {
            SpecPath path = SpecPath.parse(axis.getKey());
            if (path == null || path.isRoot()) {
                throw new SpecError(axesNode.keyPosition(axis.getKey()), "grid axis '" + axis.getKey()
                        + "' is not a dotted path like model.mask");
            }
            if (path.segments().get(0).equals(GRID) || path.segments().get(0).equals(SpecComposer.EXTENDS)) {
                throw new SpecError(axesNode.keyPosition(axis.getKey()), "a grid axis cannot change '"
                        + path.segments().get(0) + "'");
            }
            if (axis.getValue() instanceof MapNode nested && !nested.entries().isEmpty()) {
                // What `--set grid.model.mask=[a, b]` makes: --set splits its path at every dot, so the axis
                // arrives as a nested map. The dotted key has to be written inside a value.
                String dotted = firstLeafPath(axis.getKey(), nested);
                throw new SpecError(axis.getValue().position(), "grid axis '" + axis.getKey() + "' is a map, but an "
                        + "axis is a whole dotted path with a list of values, as in grid: {" + dotted + ": [a, b]}; "
                        + "with --set, which splits paths at dots, give the grid whole: --set 'grid={" + dotted
                        + ": [a, b]}'");
            }
            if (!(axis.getValue() instanceof ListNode list) || list.size() == 0) {
                throw new SpecError(axis.getValue().position(), "grid axis '" + axis.getKey()
                        + "' needs a non-empty list of values, e.g. [a, b]");
            }
            paths.add(path);
            names.add(path.toString());
            values.add(list);
            count = Math.multiplyExact(count, Math.min(list.size(), Integer.MAX_VALUE));
            if (count > maxPoints) {
                long total = 1;
                for (SpecNode v : axesNode.entries().values()) {
                    total *= v instanceof ListNode l ? Math.max(1, l.size()) : 1;
                }
                throw new SpecError(grid.position(), "the grid expands to " + total + " runs, over the limit of "
                        + maxPoints + "; shrink an axis, or raise the limit with --max-runs");
            }
        }
        List<Point> points = new ArrayList<>();
        int[] idx = new int[paths.size()];
        for (long n = 0; n < count; n++) {
            SpecNode tree = base;
            Map<String, Object> axes = new LinkedHashMap<>();
            for (int a = 0; a < paths.size(); a++) {
                SpecNode value = values.get(a).get(idx[a]);
                tree = Nodes.set(tree, paths.get(a), value, value.position());
                axes.put(names.get(a), Nodes.toPlain(value));
            }
            points.add(new Point((MapNode) tree, axes));
            for (int a = paths.size() - 1; a >= 0; a--) {
                if (++idx[a] < values.get(a).size()) break;
                idx[a] = 0;
            }
        }
        return points;
    }

    /** {@code model.st_net.bottleneck} for {@code model: {st_net: {bottleneck: [...]}}}: the path an axis meant. */
    private static String firstLeafPath(String key, MapNode map) {
        Map.Entry<String, SpecNode> first = map.entries().entrySet().iterator().next();
        String path = key + "." + first.getKey();
        return first.getValue() instanceof MapNode deeper && !deeper.entries().isEmpty() ? firstLeafPath(path, deeper) : path;
    }
}
