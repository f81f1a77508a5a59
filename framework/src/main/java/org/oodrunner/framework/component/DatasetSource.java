package org.oodrunner.framework.component;

import java.util.List;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;

/**
 * A named dataset: knows its splits and image shape without loading anything (so specs can be
 * checked before a run), and loads a split as 8-bit images.
 */
public interface DatasetSource {
    /** The split names a spec may ask for, the first being the default. */
    List<String> splits();

    /** The shape of every image, before any preprocessing. */
    ImageShape shape();

    /** Number of classes of the labels, or 0 when the data has none. */
    int numClasses();

    /**
     * Loads one split. Missing or broken files end in a {@link org.oodrunner.framework.errors.RunFailedException}
     * whose message says which files to place where, or what command fetches them.
     */
    ImageSet load(String split);
}
