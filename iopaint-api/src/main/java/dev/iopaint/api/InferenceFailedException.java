package dev.iopaint.api;

/** A loaded model failed while it was running. */
public class InferenceFailedException extends IopaintException {
    public InferenceFailedException(String message) {
        super(message);
    }

    public InferenceFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
