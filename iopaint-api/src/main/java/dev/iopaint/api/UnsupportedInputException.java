package dev.iopaint.api;

/** The caller's input cannot be used: a broken image, wrong sizes, a bad setting. */
public class UnsupportedInputException extends IopaintException {
    public UnsupportedInputException(String message) {
        super(message);
    }

    public UnsupportedInputException(String message, Throwable cause) {
        super(message, cause);
    }
}
