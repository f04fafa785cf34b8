package dev.iopaint.api;

/**
 * The root of every error this library raises. Messages say what went wrong and what to do next,
 * so they can be shown to a person as they are.
 */
public class IopaintException extends RuntimeException {
    public IopaintException(String message) {
        super(message);
    }

    public IopaintException(String message, Throwable cause) {
        super(message, cause);
    }
}
