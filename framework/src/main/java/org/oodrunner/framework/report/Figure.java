package org.oodrunner.framework.report;

import java.nio.file.Path;

/**
 * A figure of a run, stored as PNG (embedded in report.html) and, for plots, SVG.
 *
 * @param svg null for figures that are images already (sample grids)
 */
public record Figure(String title, String caption, Path png, Path svg) {}
