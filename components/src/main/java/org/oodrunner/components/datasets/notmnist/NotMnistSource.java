package org.oodrunner.components.datasets.notmnist;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.oodrunner.components.datasets.archive.TarEntries;
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
 * notMNIST (Bulatov 2011): 28x28 grayscale glyphs of the letters A to J in many fonts, one PNG
 * per image in a folder per letter (label 0 = A). Split {@code small} (about 18,700 images,
 * the hand-cleaned set OOD papers use) and {@code large} (about 530,000). A few files of the
 * official archives are not valid PNGs: they are skipped and counted in the log. Read from
 * the official {@code .tar.gz} in {@code <data root>/notmnist/} or its unpacked folder.
 */
public final class NotMnistSource implements DatasetSource {
    static final ImageShape SHAPE = new ImageShape(28, 28, 1);
    /** Sizes and SHA-256 from tensorflow/datasets, tensorflow_datasets/url_checksums/not_mnist.txt. */
    private static final RemoteFile SMALL = RemoteFile.download("http://yaroslavvb.com/upload/notMNIST/notMNIST_small.tar.gz",
            8_458_043, "76b2ef7ccc56452964780569db37b279c9cbe1bf442c3b38be784752683b3cec");
    private static final RemoteFile LARGE = RemoteFile.download("http://yaroslavvb.com/upload/notMNIST/notMNIST_large.tar.gz",
            247_336_696, "1e8261b75484b520dc76027f5c22af50fe608e3bb16277caec086eb928f9b61c");
    private static final Pattern ENTRY = Pattern.compile("(?:.*/)?([A-J])/([^/]+)");

    private final Path dir;

    public NotMnistSource(Path dataRoot) {
        this.dir = dataRoot.resolve("notmnist");
    }

    @Override
    public List<String> splits() {
        return List.of("small", "large");
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
    public List<FileSet> fileSets() {
        return List.of(new FileSet("official notMNIST_small archive", dir, List.of("small"), List.of(SMALL), null),
                new FileSet("official notMNIST_large archive", dir, List.of("large"), List.of(LARGE), null));
    }

    /** One glyph file: where it is, its letter, and its bytes when it came from an archive. */
    private record Glyph(String name, int label, byte[] bytes, Path file) {}

    @Override
    public ImageSet load(String split, LoadRequest request) {
        RemoteFile archive = split.equals("small") ? SMALL : LARGE;
        String folder = split.equals("small") ? "notMNIST_small" : "notMNIST_large";
        List<Glyph> glyphs = Files.isRegularFile(dir.resolve(archive.name()))
                ? fromArchive(dir.resolve(archive.name()))
                : fromFolder(dir.resolve(folder), archive);
        glyphs.sort(Comparator.comparing(Glyph::name));
        int[] labels = glyphs.stream().mapToInt(Glyph::label).toArray();
        ImageDecoder decoder = new ImageDecoder() {
            @Override
            public DecodedImage decode(int i) throws UnreadableImageException {
                Glyph g = glyphs.get(i);
                byte[] bytes = g.bytes();
                if (bytes == null) {
                    try {
                        bytes = Files.readAllBytes(g.file());
                    } catch (IOException e) {
                        throw new UnreadableImageException("cannot read it: " + e.getMessage(), e);
                    }
                }
                return ImageFiles.decode(bytes, 1);
            }

            @Override
            public String describe(int i) {
                return glyphs.get(i).name();
            }
        };
        return request.decode(glyphs.size(), labels, 10, SHAPE, decoder, true);
    }

    private static List<Glyph> fromArchive(Path archive) {
        List<Glyph> glyphs = new ArrayList<>();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(archive), 1 << 16), 1 << 16)) {
            TarEntries.forEach(in, name -> ENTRY.matcher(name).matches(), (name, content) -> {
                Matcher m = ENTRY.matcher(name);
                if (m.matches()) glyphs.add(new Glyph(archive + "!" + name, m.group(1).charAt(0) - 'A', content, null));
                return true;
            });
        } catch (EOFException | ZipException e) {
            throw new RunFailedException(archive + ": truncated or damaged gzip data (" + e.getMessage()
                    + "); fetch it again with `runner data fetch notmnist`", e);
        } catch (IOException e) {
            throw new RunFailedException(archive + ": " + e.getMessage() + "; fetch it again with `runner data fetch notmnist`", e);
        }
        if (glyphs.isEmpty()) throw new RunFailedException(archive + ": holds no A..J/*.png files; it is not a notMNIST archive");
        return glyphs;
    }

    private static List<Glyph> fromFolder(Path folder, RemoteFile archive) {
        if (!Files.isDirectory(folder)) {
            throw new RunFailedException("notmnist: neither " + folder.resolveSibling(archive.name()) + " nor the folder "
                    + folder + " exists; run `runner data fetch notmnist`, or place " + archive.name() + " (from "
                    + archive.url() + ") in " + folder.getParent());
        }
        List<Glyph> glyphs = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder, 2)) {
            files.filter(Files::isRegularFile).forEach(p -> {
                Matcher m = ENTRY.matcher(folder.relativize(p).toString().replace('\\', '/'));
                if (m.matches()) glyphs.add(new Glyph(p.toString(), m.group(1).charAt(0) - 'A', null, p));
            });
        } catch (IOException e) {
            throw new RunFailedException("cannot list " + folder + " (" + e.getMessage() + ")", e);
        }
        if (glyphs.isEmpty()) throw new RunFailedException(folder + ": holds no A..J/*.png files");
        return glyphs;
    }
}
