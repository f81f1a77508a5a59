package org.oodrunner.components.datasets.mnist;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.oodrunner.components.datasets.idx.IdxImageSplit;
import org.oodrunner.components.datasets.idx.IdxLocations;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Fashion-MNIST (Xiao et al. 2017): 28x28 grayscale clothing, 10 classes, 60,000 train and
 * 10,000 test images, in the official IDX files. Looked for under the data root, then where
 * Debian's {@code dataset-fashion-mnist} package installs them.
 */
public final class FashionMnistSource implements DatasetSource {
    public static final Path DEBIAN_DIR = Path.of("/usr/share/datasets/fashion-mnist");
    static final ImageShape SHAPE = new ImageShape(28, 28, 1);

    private final Path ownDir;
    private final List<Path> folders;

    public FashionMnistSource(Path dataRoot) {
        this.ownDir = dataRoot.resolve("fashion_mnist");
        this.folders = List.of(ownDir, DEBIAN_DIR);
    }

    @Override
    public List<String> splits() {
        return List.of("train", "test");
    }

    @Override
    public ImageShape shape() {
        return SHAPE;
    }

    @Override
    public int numClasses() {
        return 10;
    }

    @Override
    public OptionalInt size(String split) {
        return OptionalInt.of(split.equals("train") ? 60_000 : 10_000);
    }

    @Override
    public List<FileSet> fileSets() {
        return MnistFiles.fashion(ownDir, DEBIAN_DIR);
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        String prefix = split.equals("train") ? "train" : "t10k";
        Optional<Path> images = IdxLocations.find(folders, prefix + "-images-idx3-ubyte");
        Optional<Path> labels = IdxLocations.find(folders, prefix + "-labels-idx1-ubyte");
        if (images.isEmpty() || labels.isEmpty()) {
            throw new RunFailedException("fashion_mnist/" + split + ": " + prefix + "-images-idx3-ubyte.gz and "
                    + prefix + "-labels-idx1-ubyte.gz are not in " + ownDir + " nor " + DEBIAN_DIR
                    + "; install them with `sudo apt-get install dataset-fashion-mnist` (Debian/Ubuntu), run `runner data "
                    + "fetch fashion_mnist`, or place the official files in " + ownDir);
        }
        ImageSet all = IdxImageSplit.load("fashion_mnist/" + split, images.get(), labels.get(), SHAPE, 10);
        return request.fromArrays(all.shape(), all.images(), all.labels(), all.numClasses());
    }
}
