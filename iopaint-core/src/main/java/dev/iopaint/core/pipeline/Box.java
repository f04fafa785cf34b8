package dev.iopaint.core.pipeline;

/**
 * A rectangle in pixel coordinates, as IOPaint's {@code [left, top, right, bottom]}: left/top inclusive,
 * right/bottom exclusive.
 */
public record Box(int left, int top, int right, int bottom) {
    public Box {
        if (left < 0 || top < 0 || right < left || bottom < top) {
            throw new IllegalArgumentException("A box needs 0 <= left <= right and 0 <= top <= bottom, got ["
                    + left + ", " + top + ", " + right + ", " + bottom + "]");
        }
    }

    public int width() {
        return right - left;
    }

    public int height() {
        return bottom - top;
    }

    /** True when the box holds no pixel. */
    public boolean isEmpty() {
        return width() == 0 || height() == 0;
    }
}
