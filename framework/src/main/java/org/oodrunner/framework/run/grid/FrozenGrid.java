package org.oodrunner.framework.run.grid;

import java.util.List;
import org.oodrunner.framework.run.RunFiles;

/**
 * A grid frozen for other processes to run ({@link GridRunner#freeze}).
 *
 * @param pending the indices of the points still to run (those not FINISHED), in grid order
 * @param size how many points the grid has
 * @param written whether the record was written (false: every point and the grid had finished)
 */
public record FrozenGrid(RunFiles grid, List<Integer> pending, int size, boolean written) {}
