package dev.iopaint.core.batch;

import java.nio.file.Path;

/** Hears how a batch is going, one call per image, on the batch's thread. */
public interface BatchListener {
    BatchListener NONE = new BatchListener() {
    };

    default void started(int images) {
    }

    default void inpainted(Path image, Path result) {
    }

    /** The image has no mask of its stem in the mask folder, as IOPaint skips it. */
    default void skipped(Path image, String reason) {
    }

    /** The image or its mask could not be used; the batch goes on with the next one. */
    default void failed(Path image, String reason) {
    }
}
