package org.oodrunner.framework.spec.model;

import java.util.Map;
import org.oodrunner.framework.component.ComponentKind;

/**
 * A spec's reference to a component: its registered name and its parameters as written.
 * The registry binds the parameters to the component's own record.
 */
public interface ComponentRef {
    ComponentKind kind();

    /** The registered name. */
    String type();

    /** The parameters as written (JSON-like values), without the name key. */
    Map<String, Object> params();
}
