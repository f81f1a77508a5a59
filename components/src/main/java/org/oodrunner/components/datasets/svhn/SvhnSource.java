package org.oodrunner.components.datasets.svhn;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.data.fetch.RemoteFile;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * SVHN cropped digits (Netzer et al. 2011): 32x32 RGB house numbers, 10 classes (label 10 of
 * the files is the digit 0). Splits {@code train} (73,257), {@code test} (26,032) and
 * {@code extra} (531,131), one official {@code .mat} file each in {@code <data root>/svhn/}.
 */
public final class SvhnSource implements DatasetSource {
    /** Sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/svhn_cropped.txt. */
    private static final List<RemoteFile> FILES = List.of(
            RemoteFile.download("http://ufldl.stanford.edu/housenumbers/train_32x32.mat", 182_040_794,
                    "435e94d69a87fde4fd4d7f3dd208dfc32cb6ae8af2240d066de1df7508d083b8"),
            RemoteFile.download("http://ufldl.stanford.edu/housenumbers/test_32x32.mat", 64_275_384,
                    "cdce80dfb2a2c4c6160906d0bd7c68ec5a99d7ca4831afa54f09182025b6a75b"),
            RemoteFile.download("http://ufldl.stanford.edu/housenumbers/extra_32x32.mat", 1_329_278_602,
                    "a133a4beb38a00fcdda90c9489e0c04f900b660ce8a316a5e854838379a71eb3"));
    private static final List<String> SPLITS = List.of("train", "test", "extra");

    private final Path dir;

    public SvhnSource(Path dataRoot) {
        this.dir = dataRoot.resolve("svhn");
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public ImageShape shape() {
        return SvhnMatFile.SHAPE;
    }

    @Override
    public int numClasses() {
        return 10;
    }

    @Override
    public List<FileSet> fileSets() {
        return List.of(
                new FileSet("official train_32x32.mat", dir, List.of("train"), List.of(FILES.get(0)), null),
                new FileSet("official test_32x32.mat", dir, List.of("test"), List.of(FILES.get(1)), null),
                new FileSet("official extra_32x32.mat", dir, List.of("extra"), List.of(FILES.get(2)), null));
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        RemoteFile official = FILES.get(SPLITS.indexOf(split));
        Path file = dir.resolve(official.name());
        if (!Files.isRegularFile(file)) {
            throw new RunFailedException("svhn/" + split + ": " + file + " does not exist; run `runner data fetch svhn/"
                    + split + "`, or place " + official.name() + " (from " + official.url() + ") in " + dir);
        }
        SvhnMatFile.Contents c = SvhnMatFile.read(file);
        return request.fromArrays(SvhnMatFile.SHAPE, c.images(), c.labels(), 10);
    }
}
