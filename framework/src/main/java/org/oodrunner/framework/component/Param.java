package org.oodrunner.framework.component;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Describes one parameter of a component's params record: its documentation, its default
 * (written as YAML, as a user would write it), and its allowed range. The schema, the
 * {@code runner components} listing and binding all read it, so it is written once.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
public @interface Param {
    /** Marks "no default": the parameter must be given. */
    String REQUIRED = "\u0000required";

    String doc();

    /** The default as YAML text ({@code "3"}, {@code "null"}, {@code "[a, b]"}); {@link #REQUIRED} if none. */
    String value() default REQUIRED;

    double min() default Double.NEGATIVE_INFINITY;

    double max() default Double.POSITIVE_INFINITY;

    /** True when {@link #min()} itself is not allowed (a learning rate must be > 0). */
    boolean exclusiveMin() default false;
}
