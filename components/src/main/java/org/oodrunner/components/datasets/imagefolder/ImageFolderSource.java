package org.oodrunner.components.datasets.imagefolder;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.oodrunner.components.datasets.imagefile.ImageFiles;
import org.oodrunner.framework.component.DatasetSource;
import org.oodrunner.framework.data.DecodedImage;
import org.oodrunner.framework.data.ImageDecoder;
import org.oodrunner.framework.data.ImageSet;
import org.oodrunner.framework.data.ImageShape;
import org.oodrunner.framework.data.LoadRequest;
import org.oodrunner.framework.data.UnreadableImageException;
import org.oodrunner.framework.errors.BadInputException;
import org.oodrunner.framework.errors.RunFailedException;

/**
 * Any tree of PNG/JPEG files, like torchvision's {@code ImageFolder}: {@code path/<class>/<image>}
 * gives labelled images (classes are the sub-folders in sorted order), a flat folder gives
 * unlabelled ones. One split, {@code all}; point two references at two folders for a
 * train/test pair. Files that cannot be decoded stop the load with their name.
 */
public final class ImageFolderSource implements DatasetSource {
    private static final List<String> EXTENSIONS = List.of(".png", ".jpg", ".jpeg");

    private final Path root;
    private final ImageFolderParams params;
    private List<Path> files;
    private List<String> classes;

    public ImageFolderSource(Path dataRoot, ImageFolderParams params) {
        if (params.channels() != 1 && params.channels() != 3) {
            throw new BadInputException("image_folder: channels must be 1 (grayscale) or 3 (RGB), not " + params.channels());
        }
        this.root = dataRoot.resolve(params.path());
        this.params = params;
    }

    @Override
    public List<String> splits() {
        return List.of("all");
    }

    /** The declared size, or the first image's size read from its header (not its pixels). */
    @Override
    public ImageShape shape() {
        if (params.height() != null && params.width() != null) {
            return new ImageShape(params.height(), params.width(), params.channels());
        }
        Path first = files().get(0);
        try (InputStream in = Files.newInputStream(first)) {
            ImageShape s = ImageFiles.size(in, params.channels());
            return new ImageShape(params.height() != null ? params.height() : s.height(),
                    params.width() != null ? params.width() : s.width(), params.channels());
        } catch (UnreadableImageException | IOException e) {
            throw new BadInputException("image_folder " + root + ": cannot read the size of " + first + " ("
                    + e.getMessage() + "); give `height:` and `width:`");
        }
    }

    @Override
    public int numClasses() {
        files();
        return classes.size();
    }

    @Override
    public ImageSet load(String split, LoadRequest request) {
        List<Path> all = files();
        int[] labels = null;
        if (!classes.isEmpty()) {
            labels = new int[all.size()];
            for (int i = 0; i < labels.length; i++) labels[i] = classes.indexOf(root.relativize(all.get(i)).getName(0).toString());
        }
        ImageDecoder decoder = new ImageDecoder() {
            @Override
            public DecodedImage decode(int i) throws UnreadableImageException {
                try {
                    return ImageFiles.decode(Files.readAllBytes(all.get(i)), params.channels());
                } catch (IOException e) {
                    throw new UnreadableImageException("cannot read it: " + e.getMessage(), e);
                }
            }

            @Override
            public String describe(int i) {
                return all.get(i).toString();
            }
        };
        return request.decode(all.size(), labels, classes.size(), shape(), decoder, false);
    }

    /** Image files in sorted path order; classes from the first level of sub-folders, if images sit there. */
    private synchronized List<Path> files() {
        if (files != null) return files;
        if (!Files.isDirectory(root)) {
            throw new BadInputException("image_folder: " + root + " is not a folder; set `path:` to a folder of images");
        }
        List<Path> found = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(root, 2)) {
            walk.filter(Files::isRegularFile).filter(ImageFolderSource::isImage).sorted().forEach(found::add);
        } catch (IOException e) {
            throw new RunFailedException("cannot list " + root + " (" + e.getMessage() + ")", e);
        }
        if (found.isEmpty()) {
            throw new BadInputException("image_folder: " + root + " holds no .png or .jpg files (directly or in sub-folders)");
        }
        boolean nested = found.stream().allMatch(p -> root.relativize(p).getNameCount() == 2);
        boolean flat = found.stream().allMatch(p -> root.relativize(p).getNameCount() == 1);
        if (!nested && !flat) {
            throw new BadInputException("image_folder: " + root + " mixes images in the folder itself and in sub-folders; "
                    + "put every image in a class sub-folder, or all of them directly in the folder");
        }
        classes = nested ? found.stream().map(p -> root.relativize(p).getName(0).toString()).distinct().sorted().toList()
                : List.of();
        files = found;
        return files;
    }

    private static boolean isImage(Path p) {
        String name = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return EXTENSIONS.stream().anyMatch(name::endsWith);
    }
}
