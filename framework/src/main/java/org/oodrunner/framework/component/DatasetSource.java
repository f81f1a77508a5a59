package org.oodrunner.framework.component;

import java.util.List;
import java.util.OptionalInt;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.fetch.FileSet;

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
     * How many examples {@code split} holds, where that is fixed without reading files (so
     * {@code runner validate} can check a {@code range:}); empty where only loading tells.
     */
    default OptionalInt size(String split) {
        return OptionalInt.empty();
    }

    /**
     * Loads the examples of one split that {@code request} selects, each prepared by its
     * pipeline as it is read (through {@link LoadRequest#fromArrays} or
     * {@link LoadRequest#decode}). Missing files end in a
     * {@link org.oodrunner.framework.errors.RunFailedException} whose message says which files
     * to place where, or what command fetches them; a damaged file in one that names the file
     * (and the record or byte offset where it applies).
     */
    ImageSet load(String split, LoadRequest request);

    /**
     * The ways to obtain this dataset's files, in order of preference, for {@code runner data
     * fetch} and {@code runner data list}; empty for data generated from the seed or read from
     * a folder the spec names.
     */
    default List<FileSet> fileSets() {
        return List.of();
    }
}
