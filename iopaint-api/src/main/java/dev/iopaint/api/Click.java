package dev.iopaint.api;

/**
 * One click of IOPaint's interactive segmentation, {@code [x, y, label]} on the wire: a point in the image's pixel
 * coordinates that belongs to the object ({@code positive}, label 1) or not (label 0).
 */
public record Click(double x, double y, boolean positive) {
    public Click {
        if (!Double.isFinite(x) || !Double.isFinite(y)) {
            throw new UnsupportedInputException("A click needs finite coordinates, got [" + x + ", " + y + "]");
        }
    }
}
