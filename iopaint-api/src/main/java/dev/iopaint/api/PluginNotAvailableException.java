package dev.iopaint.api;

/**
 * A plugin that is not enabled or not installed, a model it does not have, or an operation it does not support
 * (a mask from a plugin that only makes images). The server answers 422, as IOPaint does.
 */
public class PluginNotAvailableException extends IopaintException {
    public PluginNotAvailableException(String message) {
        super(message);
    }
}
