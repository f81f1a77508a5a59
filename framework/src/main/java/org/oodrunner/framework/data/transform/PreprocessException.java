package org.oodrunner.framework.data.transform;

/**
 * A preprocessing step that cannot apply to a dataset's images (a crop larger than the image,
 * a channel conversion from 4 channels). Names the {@code data.preprocess} field at fault, so
 * the planner can point at it in the spec.
 */
public final class PreprocessException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String field;

    public PreprocessException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The {@code data.preprocess} key at fault ({@code center_crop}, {@code channels}). */
    public String field() {
        return field;
    }
}
