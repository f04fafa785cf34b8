package dev.iopaint.api;

/** A model file could not be fetched, or what was fetched failed its checksum. */
public class DownloadFailedException extends IopaintException {
    public DownloadFailedException(String message) {
        super(message);
    }

    public DownloadFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
