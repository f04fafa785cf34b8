package dev.iopaint.plugins.interactiveseg;

/**
 * SAM's image embedding, float {@code [1, 256, 64, 64]}, kept on the heap so cached ones hold no native memory.
 * The array is shared, not copied: it is never written after the encoder made it.
 */
record Embedding(float[] values) {
    static final long[] SHAPE = {1, 256, 64, 64};
    static final int SIZE = 256 * 64 * 64;

    Embedding {
        if (values == null || values.length != SIZE) {
            throw new IllegalArgumentException("An embedding holds " + SIZE + " floats, got "
                    + (values == null ? "none" : values.length));
        }
    }
}
