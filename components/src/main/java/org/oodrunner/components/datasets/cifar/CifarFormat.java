package org.oodrunner.components.datasets.cifar;

import java.util.List;
import java.util.Map;
import org.oodrunner.framework.data.fetch.RemoteFile;

/**
 * One of the CIFAR binary releases: its archive, the folder inside it, and which batch files
 * make which split.
 *
 * @param name the dataset's spec name
 * @param archive the official archive
 * @param folder the folder the archive unpacks to
 * @param files split -> batch file names, in order
 * @param labelBytes label bytes per record
 */
record CifarFormat(String name, RemoteFile archive, String folder, Map<String, List<String>> files, int labelBytes) {

    /** CIFAR-10, binary version; size and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/cifar10.txt. */
    static final CifarFormat CIFAR10 = new CifarFormat("cifar10",
            RemoteFile.download("https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz", 170_052_171,
                    "c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd"),
            "cifar-10-batches-bin",
            Map.of("train", List.of("data_batch_1.bin", "data_batch_2.bin", "data_batch_3.bin", "data_batch_4.bin",
                    "data_batch_5.bin"), "test", List.of("test_batch.bin")),
            1);

    /** CIFAR-100, binary version; size and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/cifar100.txt. */
    static final CifarFormat CIFAR100 = new CifarFormat("cifar100",
            RemoteFile.download("https://www.cs.toronto.edu/~kriz/cifar-100-binary.tar.gz", 168_513_733,
                    "58a81ae192c23a4be8b1804d68e518ed807d710a4eb253b1f2a199162a40d8ec"),
            "cifar-100-binary",
            Map.of("train", List.of("train.bin"), "test", List.of("test.bin")),
            2);
}
