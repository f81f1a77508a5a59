package org.oodrunner.framework.spec.node;

import org.oodrunner.framework.spec.Position;

/**
 * A spec value that remembers where it was written, so that any later error (after
 * {@code extends}, interpolation or grid expansion) can still name {@code file:line:column}.
 * Nodes are immutable.
 */
public sealed interface SpecNode permits MapNode, ListNode, ScalarNode {
    Position position();

    /** A short word for messages: "a mapping", "a list", "a string", ... */
    String kindName();
}
