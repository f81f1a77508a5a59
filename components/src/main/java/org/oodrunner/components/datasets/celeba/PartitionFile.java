package org.oodrunner.components.datasets.celeba;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * CelebA's {@code list_eval_partition.txt}: one line {@code <image>.jpg <partition>} per
 * image, partition 0 = train, 1 = valid, 2 = test.
 */
final class PartitionFile {
    private PartitionFile() {}

    /** The image file names of one partition, in file order. */
    static List<String> images(Path file, int partition) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RunFailedException(file + ": cannot read it (" + e.getMessage() + ")", e);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.isEmpty()) continue;
            String[] parts = line.split("\\s+");
            if (parts.length != 2 || !parts[0].endsWith(".jpg") || !parts[1].matches("[012]")) {
                throw new RunFailedException(file + ":" + (i + 1) + ": expected `<image>.jpg <0|1|2>`, found `" + line
                        + "`; the file is damaged: fetch it again with `runner data fetch celeba`");
            }
            if (Integer.parseInt(parts[1]) == partition) out.add(parts[0]);
        }
        if (out.isEmpty()) throw new RunFailedException(file + ": lists no image of partition " + partition);
        return out;
    }
}
