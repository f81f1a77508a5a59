package org.oodrunner.framework.spec.node;

import java.util.List;
import org.oodrunner.framework.spec.Position;

/** A YAML sequence. */
public record ListNode(List<SpecNode> items, Position position) implements SpecNode {
    public ListNode {
        items = List.copyOf(items);
    }

    public int size() {
        return items.size();
    }

    public SpecNode get(int i) {
        return items.get(i);
    }

    @Override
    public String kindName() {
        return "a list";
    }
}
