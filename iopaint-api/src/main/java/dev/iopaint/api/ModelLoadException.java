package dev.iopaint.api;

/** A model's files are on disk but could not be loaded (corrupt, partial, or the wrong format). */
public class ModelLoadException extends IopaintException {
    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
