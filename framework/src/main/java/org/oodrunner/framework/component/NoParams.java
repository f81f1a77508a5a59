package org.oodrunner.framework.component;

/** The params record of a component that takes none. */
public record NoParams() {}
