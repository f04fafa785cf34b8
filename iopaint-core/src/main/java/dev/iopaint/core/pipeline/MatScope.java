package dev.iopaint.core.pipeline;

import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;

/** Releases the native memory of every Mat added to it when closed, except those handed on with {@link #keep}. */
final class MatScope implements AutoCloseable {
    private final List<Mat> mats = new ArrayList<>();

    <T extends Mat> T add(T mat) {
        mats.add(mat);
        return mat;
    }

    /** Hands a Mat on to the caller, who then releases it. */
    Mat keep(Mat mat) {
        mats.removeIf(owned -> owned == mat);
        return mat;
    }

    @Override
    public void close() {
        for (int i = mats.size() - 1; i >= 0; i--) {
            mats.get(i).release();
        }
        mats.clear();
    }
}
