package org.oodrunner.components.datasets.cifar;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.oodrunner.components.datasets.archive.TarEntries;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * CIFAR-10 or CIFAR-100 (Krizhevsky 2009), binary version: 32x32 RGB, 50,000 training and
 * 10,000 test images. Read straight from the official {@code .tar.gz} in
 * {@code <data root>/<name>/}, or from its unpacked folder there.
 */
public final class CifarSource implements DatasetSource {
    private final CifarFormat format;
    private final Path dir;
    private final int labelIndex;
    private final int numClasses;

    private CifarSource(CifarFormat format, Path dataRoot, int labelIndex, int numClasses) {
        this.format = format;
        this.dir = dataRoot.resolve(format.name());
        this.labelIndex = labelIndex;
        this.numClasses = numClasses;
    }

    public static CifarSource cifar10(Path dataRoot) {
        return new CifarSource(CifarFormat.CIFAR10, dataRoot, 0, 10);
    }

    public static CifarSource cifar100(Path dataRoot, Cifar100Params.Labels labels) {
        return labels == Cifar100Params.Labels.COARSE
                ? new CifarSource(CifarFormat.CIFAR100, dataRoot, 0, 20)
                : new CifarSource(CifarFormat.CIFAR100, dataRoot, 1, 100);
    }

    @Override
    public List<String> splits() {
        return List.of("train", "test");
    }

    @Override
    public ImageShape shape() {
        return CifarRecords.SHAPE;
    }

    @Override
    public int numClasses() {
        return numClasses;
    }

    @Override
    public List<FileSet> fileSets() {
        return List.of(new FileSet("official binary archive", dir, splits(), List.of(format.archive()), null));
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        List<String> names = format.files().get(split);
        Map<String, CifarRecords.Parsed> parsed = new HashMap<>();
        // Each batch file is parsed as soon as it is read, so only one file's bytes are held at a time.
        read(names, (name, content) -> parsed.put(name,
                CifarRecords.parse(content, where(name), format.labelBytes(), labelIndex, numClasses)));
        List<byte[]> images = new ArrayList<>();
        List<Integer> labels = new ArrayList<>();
        for (String name : names) {
            CifarRecords.Parsed p = parsed.get(name);
            images.addAll(List.of(p.images()));
            for (int y : p.labels()) labels.add(y);
        }
        return request.fromArrays(CifarRecords.SHAPE, images.toArray(byte[][]::new),
                labels.stream().mapToInt(Integer::intValue).toArray(), numClasses);
    }

    private Path archive() {
        return dir.resolve(format.archive().name());
    }

    private String where(String name) {
        Path unpacked = dir.resolve(format.folder()).resolve(name);
        return Files.isRegularFile(archive()) ? archive() + "!" + format.folder() + "/" + name : unpacked.toString();
    }

    /** Hands each batch file's content to {@code consumer}: from the archive when it is there, else from the unpacked folder. */
    private void read(List<String> names, BiConsumer<String, byte[]> consumer) {
        Path archive = archive();
        if (Files.isRegularFile(archive)) {
            Set<String> seen = new HashSet<>();
            try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
                TarEntries.forEach(in, entry -> names.contains(base(entry)) && !seen.contains(base(entry)), (entry, content) -> {
                    seen.add(base(entry));
                    consumer.accept(base(entry), content);
                    return seen.size() < names.size();
                });
            } catch (EOFException | ZipException e) {
                throw new RunFailedException(archive + ": truncated or damaged gzip data (" + e.getMessage()
                        + "); fetch it again with `runner data fetch " + format.name() + "`", e);
            } catch (IOException e) {
                throw new RunFailedException(archive + ": cannot read it (" + e.getMessage() + "); fetch it again with "
                        + "`runner data fetch " + format.name() + "`", e);
            }
            for (String name : names) {
                if (!seen.contains(name)) {
                    throw new RunFailedException(archive + ": has no " + format.folder() + "/" + name
                            + "; it is not the official archive: fetch it again with `runner data fetch " + format.name() + "`");
                }
            }
            return;
        }
        Path folder = dir.resolve(format.folder());
        for (String name : names) {
            Path file = folder.resolve(name);
            if (!Files.isRegularFile(file)) {
                throw new RunFailedException(format.name() + ": neither " + archive + " nor " + file + " exists; run `runner "
                        + "data fetch " + format.name() + "`, or place " + format.archive().name() + " (from "
                        + format.archive().url() + ") in " + dir);
            }
            try {
                consumer.accept(name, Files.readAllBytes(file));
            } catch (IOException e) {
                throw new RunFailedException(file + ": cannot read it (" + e.getMessage() + ")", e);
            }
        }
    }

    private static String base(String entry) {
        return entry.substring(entry.lastIndexOf('/') + 1);
    }
}
