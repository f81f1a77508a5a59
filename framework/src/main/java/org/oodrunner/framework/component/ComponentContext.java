package org.oodrunner.framework.component;

import java.nio.file.Path;

/**
 * What a component may know about where it runs, handed to its factory.
 *
 * @param dataRoot where datasets live and are cached
 * @param seed the run's seed; components derive their own randomness from it
 */
public record ComponentContext(Path dataRoot, long seed) {}
