package org.oodrunner.framework.data;

/** Decodes the examples of a split that is stored as one encoded file per image (PNG, JPEG). */
public interface ImageDecoder {
    /**
     * Example {@code i}'s pixels.
     *
     * @throws UnreadableImageException when the file's content cannot be decoded
     */
    DecodedImage decode(int i) throws UnreadableImageException;

    /** Where example {@code i} comes from, for messages ({@code notMNIST_small.tar.gz!A/x.png}). */
    String describe(int i);
}
