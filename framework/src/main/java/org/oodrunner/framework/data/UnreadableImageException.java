package org.oodrunner.framework.data;

/** An image file whose content cannot be decoded (truncated, not an image, an unknown format). */
public final class UnreadableImageException extends Exception {
    private static final long serialVersionUID = 1L;

    public UnreadableImageException(String message) {
        super(message);
    }

    public UnreadableImageException(String message, Throwable cause) {
        super(message, cause);
    }
}
