package org.oodrunner.components.datasets.celeba;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.oodrunner.components.datasets.imagefile.ImageFiles;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.DecodedImage;
import org.oodrunner.framework.data.ImageDecoder;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.UnreadableImageException;
import org.oodrunner.framework.data.fetch.FileSet;
import org.oodrunner.framework.data.fetch.RemoteFile;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * CelebA aligned and cropped faces (Liu et al. 2015): 202,599 JPEGs of 178x218 (width x
 * height), no labels here; splits {@code train} (162,770), {@code valid} (19,867) and
 * {@code test} (19,962) from {@code list_eval_partition.txt}. Read from the official
 * {@code img_align_celeba.zip} in {@code <data root>/celeba/} or its unpacked folder. At full
 * size the training split needs 19 GB as bytes: give {@code data.preprocess} a
 * {@code center_crop} and {@code resize} (applied as each image is decoded) or a {@code limit}.
 */
public final class CelebaSource implements DatasetSource {
    static final ImageShape SHAPE = new ImageShape(218, 178, 3);
    private static final String DRIVE = "https://drive.google.com/uc?export=download&confirm=t&id=";
    /**
     * Sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/celeb_a.txt (Google Drive ids
     * 0B7EVK8r0v71pZjFTYXZWM3FlRnM and 0B7EVK8r0v71pY0NSMzRuSXJEVkk).
     */
    static final RemoteFile IMAGES = new RemoteFile("img_align_celeba.zip", 1_443_490_838L,
            "46fb89443c578308acf364d7d379fe1b9efb793042c0af734b6112e4fd3a8c74",
            URI.create(DRIVE + "0B7EVK8r0v71pZjFTYXZWM3FlRnM"));
    static final RemoteFile PARTITION = new RemoteFile("list_eval_partition.txt", 2_836_386L,
            "fc955bcb3ef8fbdf7d5640d9a8693a8431b5f2ee291a5c1449a1549e7e073fe7",
            URI.create(DRIVE + "0B7EVK8r0v71pY0NSMzRuSXJEVkk"));
    private static final List<String> SPLITS = List.of("train", "valid", "test");
    private static final String FOLDER = "img_align_celeba";

    private final Path dir;

    public CelebaSource(Path dataRoot) {
        this.dir = dataRoot.resolve("celeba");
    }

    @Override
    public List<String> splits() {
        return SPLITS;
    }

    @Override
    public ImageShape shape() {
        return SHAPE;
    }

    @Override
    public int numClasses() {
        return 0;
    }

    @Override
    public List<FileSet> fileSets() {
        return List.of(new FileSet("official aligned images and partition list", dir, SPLITS, List.of(IMAGES, PARTITION),
                "download " + IMAGES.name() + " and " + PARTITION.name() + " from the CelebA page "
                        + "(https://mmlab.ie.cuhk.edu.hk/projects/CelebA.html, Google Drive: Img/ and Eval/) and place them in "
                        + dir + " (Google Drive may refuse scripted downloads of the 1.4 GB archive)"));
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        Path partition = dir.resolve(PARTITION.name());
        if (!Files.isRegularFile(partition)) throw missing(partition);
        List<String> names = PartitionFile.images(partition, SPLITS.indexOf(split));
        Path archive = dir.resolve(IMAGES.name());
        if (Files.isRegularFile(archive)) {
            try (ZipFile zip = new ZipFile(archive.toFile())) {
                return request.decode(names.size(), null, 0, SHAPE, new ImageDecoder() {
                    @Override
                    public DecodedImage decode(int i) throws UnreadableImageException {
                        ZipEntry e = zip.getEntry(FOLDER + "/" + names.get(i));
                        if (e == null) {
                            throw new RunFailedException(archive + ": has no " + FOLDER + "/" + names.get(i)
                                    + ", which " + PARTITION.name() + " lists; fetch the dataset again");
                        }
                        try (InputStream in = zip.getInputStream(e)) {
                            return ImageFiles.decode(in.readAllBytes(), 3);
                        } catch (IOException ex) {
                            throw new UnreadableImageException("damaged zip entry: " + ex.getMessage(), ex);
                        }
                    }

                    @Override
                    public String describe(int i) {
                        return archive + "!" + FOLDER + "/" + names.get(i);
                    }
                }, false);
            } catch (IOException e) {
                throw new RunFailedException(archive + ": not a readable zip archive (" + e.getMessage()
                        + "); it is truncated or damaged: fetch it again", e);
            }
        }
        Path folder = dir.resolve(FOLDER);
        if (!Files.isDirectory(folder)) throw missing(archive);
        return request.decode(names.size(), null, 0, SHAPE, new ImageDecoder() {
            @Override
            public DecodedImage decode(int i) throws UnreadableImageException {
                Path file = folder.resolve(names.get(i));
                try {
                    return ImageFiles.decode(Files.readAllBytes(file), 3);
                } catch (IOException e) {
                    throw new UnreadableImageException("cannot read it: " + e.getMessage(), e);
                }
            }

            @Override
            public String describe(int i) {
                return folder.resolve(names.get(i)).toString();
            }
        }, false);
    }

    private RunFailedException missing(Path file) {
        return new RunFailedException("celeba: " + file + " does not exist; run `runner data fetch celeba`, or "
                + fileSets().get(0).manualInstructions());
    }
}
