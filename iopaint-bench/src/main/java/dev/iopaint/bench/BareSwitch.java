package dev.iopaint.bench;

import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.ZooModel;

import java.nio.file.Path;

/**
 * The baseline of a model switch: what any switch must do at least, with nothing of ours around it. One model is
 * held at a time, as in {@code ModelManager}; a switch closes it and has DJL load the next file. Holding one model
 * matters: how fast libtorch gets its memory depends on what the allocator has freed before, so both sides must
 * free and allocate alike.
 */
final class BareSwitch implements AutoCloseable {
    private ZooModel<NDList, NDList> current;

    BareSwitch(Path first) {
        current = SwitchModels.bareLoad(first);
    }

    void switchTo(Path file) {
        current.close();
        current = null;
        current = SwitchModels.bareLoad(file);
    }

    @Override
    public void close() {
        if (current != null) {
            current.close();
            current = null;
        }
    }
}
