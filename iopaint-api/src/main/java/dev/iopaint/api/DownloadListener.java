package dev.iopaint.api;

/** Hears how a download is going; called on the downloading thread. */
public interface DownloadListener {
    DownloadListener NONE = new DownloadListener() {
    };

    /** A file download begins; {@code totalBytes} is -1 when the server does not say. */
    default void started(String fileName, long totalBytes) {
    }

    /** {@code doneBytes} of {@code totalBytes} are on disk, including any part resumed from an earlier attempt. */
    default void progressed(String fileName, long doneBytes, long totalBytes) {
    }

    /** The file is complete, verified and in place. */
    default void finished(String fileName) {
    }

    /** The download gave up; the exception that follows carries {@code reason} too. */
    default void failed(String fileName, String reason) {
    }
}
