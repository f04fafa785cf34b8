package dev.iopaint.api.spi;

import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;

import java.nio.file.Path;

/**
 * Where model files are and how missing ones are fetched; core implements it and hands it to providers, so a
 * provider never deals with URLs overrides, checksums or the network itself.
 */
public interface ModelStore {
    ModelDirectory directory();

    /**
     * Where this file is, or will be once downloaded: the local path given by its {@code _URL} override, else
     * {@code torch/hub/checkpoints/<the file's stored name, else the file name of the (overridden) URL>}.
     */
    Path pathOf(ModelFile file);

    /** True when the file is on disk (existence only, as IOPaint checks). */
    default boolean isPresent(ModelFile file) {
        return java.nio.file.Files.isRegularFile(pathOf(file));
    }

    /**
     * The file's path, downloading and verifying it first if it is missing.
     *
     * @throws dev.iopaint.api.DownloadFailedException when it is missing and cannot be fetched (offline, network
     *                                                 error, checksum mismatch); the message names the URL and the
     *                                                 override variable
     */
    Path fetch(ModelFile file, DownloadListener listener);

    /**
     * Checks a file that failed to load against its MD5; a file that does not match is deleted so the next
     * start downloads it again (IOPaint's {@code handle_error}).
     *
     * @return true when the file was damaged and has been removed
     */
    boolean removeIfCorrupt(ModelFile file);
}
