package dev.iopaint.api;

final class Sizes {
    private Sizes() {
    }

    static void requirePositive(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new UnsupportedInputException("Image sizes must be positive, got " + width + "x" + height);
        }
    }
}
