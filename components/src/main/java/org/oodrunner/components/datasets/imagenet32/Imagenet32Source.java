package org.oodrunner.components.datasets.imagenet32;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.data.fetch.RemoteFile;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Downsampled ImageNet 32x32 (Chrabaszcz, Loshchilov, Hutter 2017), the {@code .npz} release:
 * 1,281,167 training images in {@code train_data_batch_1..10.npz} and 50,000 validation
 * images in {@code val_data.npz}, 1000 classes. Read from the official zip archives in
 * {@code <data root>/imagenet32/} or from the {@code .npz} files unpacked anywhere below it.
 */
public final class Imagenet32Source implements DatasetSource {
    static final ImageShape SHAPE = new ImageShape(32, 32, 3);
    private static final String PAGE = "https://image-net.org/download-images.php (a free account; \"Downsampled "
            + "ImageNet 32x32\", npz format)";
    /**
     * Sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/imagenet_resized.txt. The
     * files sit behind an image-net.org login, so they have no automatic download address.
     */
    static final RemoteFile TRAIN_ZIP = new RemoteFile("Imagenet32_train_npz.zip", 3_580_435_279L,
            "94226337ecc1b0309d9fcd0167127aaadc931587035fbcb53925235edbaec4fc", null);
    static final RemoteFile VAL_ZIP = new RemoteFile("Imagenet32_val_npz.zip", 139_697_668L,
            "013990e6dec1237dcd1f9beadbab81ead6604cc119af5cacbfb59ae28148377a", null);
    private static final Pattern TRAIN_BATCH = Pattern.compile("(?:.*/)?train_data_batch_(\\d+)\\.npz");
    private static final Pattern VAL_BATCH = Pattern.compile("(?:.*/)?val_data\\.npz");

    private final Path dir;

    public Imagenet32Source(Path dataRoot) {
        this.dir = dataRoot.resolve("imagenet32");
    }

    @Override
    public List<String> splits() {
        return List.of("train", "val");
    }

    @Override
    public ImageShape shape() {
        return SHAPE;
    }

    @Override
    public int numClasses() {
        return 1000;
    }

    @Override
    public List<FileSet> fileSets() {
        return List.of(
                new FileSet("official npz archive (training)", dir, List.of("train"), List.of(TRAIN_ZIP),
                        "download " + TRAIN_ZIP.name() + " from " + PAGE + " and place it in " + dir),
                new FileSet("official npz archive (validation)", dir, List.of("val"), List.of(VAL_ZIP),
                        "download " + VAL_ZIP.name() + " from " + PAGE + " and place it in " + dir));
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        Pattern pattern = split.equals("train") ? TRAIN_BATCH : VAL_BATCH;
        RemoteFile zip = split.equals("train") ? TRAIN_ZIP : VAL_ZIP;
        List<byte[]> images = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        Optional<TreeMap<Integer, Path>> unpacked = unpacked(pattern);
        if (unpacked.isPresent()) {
            for (Path file : unpacked.get().values()) {
                try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
                    add(Imagenet32Batch.read(in, file.toString()), images, labels);
                } catch (IOException e) {
                    throw damaged(file, e);
                }
            }
        } else if (Files.isRegularFile(dir.resolve(zip.name()))) {
            readZip(dir.resolve(zip.name()), pattern, images, labels);
        } else {
            throw new RunFailedException("imagenet32/" + split + ": neither " + dir.resolve(zip.name()) + " nor its unpacked "
                    + ".npz files are in " + dir + "; download " + zip.name() + " from " + PAGE + " and place it in " + dir);
        }
        int[] y = labels.stream().flatMapToInt(java.util.Arrays::stream).toArray();
        return request.fromArrays(SHAPE, images.toArray(byte[][]::new), y, 1000);
    }

    /** The unpacked batch files below the folder, by batch number; empty when there are none. */
    private Optional<TreeMap<Integer, Path>> unpacked(Pattern pattern) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        TreeMap<Integer, Path> found = new TreeMap<>();
        try (Stream<Path> files = Files.walk(dir, 3)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                Matcher m = pattern.matcher(dir.relativize(p).toString().replace('\\', '/'));
                if (m.matches()) found.put(m.groupCount() > 0 ? Integer.parseInt(m.group(1)) : 0, p);
            });
        } catch (IOException e) {
            throw new RunFailedException("cannot list " + dir + " (" + e.getMessage() + ")", e);
        }
        return found.isEmpty() ? Optional.empty() : Optional.of(found);
    }

    private void readZip(Path zipFile, Pattern pattern, List<byte[]> images, List<int[]> labels) {
        try (ZipFile zip = new ZipFile(zipFile.toFile())) {
            TreeMap<Integer, ZipEntry> entries = new TreeMap<>();
            Enumeration<? extends ZipEntry> all = zip.entries();
            while (all.hasMoreElements()) {
                ZipEntry e = all.nextElement();
                Matcher m = pattern.matcher(e.getName());
                if (m.matches()) entries.put(m.groupCount() > 0 ? Integer.parseInt(m.group(1)) : 0, e);
            }
            if (entries.isEmpty()) {
                throw new RunFailedException(zipFile + ": holds no " + pattern.pattern().replace("(?:.*/)?", "")
                        + " entries; it is not the official archive");
            }
            for (ZipEntry e : entries.values()) {
                try (InputStream in = new BufferedInputStream(zip.getInputStream(e), 1 << 16)) {
                    add(Imagenet32Batch.read(in, zipFile + "!" + e.getName()), images, labels);
                }
            }
        } catch (IOException e) {
            throw damaged(zipFile, e);
        }
    }

    private static void add(Imagenet32Batch.Contents c, List<byte[]> images, List<int[]> labels) {
        images.addAll(List.of(c.images()));
        labels.add(c.labels());
    }

    private static RunFailedException damaged(Path file, IOException e) {
        String what = e.getMessage() != null && e.getMessage().startsWith(file.toString()) ? e.getMessage()
                : file + ": " + e.getMessage();
        return new RunFailedException(what + "; the file is damaged or incomplete: download it again from " + PAGE, e);
    }
}
