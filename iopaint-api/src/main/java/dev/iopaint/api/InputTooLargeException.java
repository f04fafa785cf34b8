package dev.iopaint.api;

/** An image or upload exceeds a configured size limit. */
public class InputTooLargeException extends UnsupportedInputException {
    public InputTooLargeException(String message) {
        super(message);
    }
}
