package dev.iopaint.api;

/** No model of the requested name is known, or its files are not on disk. */
public class ModelNotFoundException extends IopaintException {
    public ModelNotFoundException(String message) {
        super(message);
    }

    public ModelNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
