package dev.iopaint.api;

/**
 * How the pipeline pads an image before a model sees it: mirror padding on the bottom and right up to a
 * multiple of {@code modulo}, to at least {@code minSize} on each side, and to a square when {@code square}.
 */
public record PadRules(int modulo, int minSize, boolean square) {
    public static final PadRules NONE = new PadRules(1, 0, false);

    public PadRules {
        if (modulo < 1) {
            throw new IllegalArgumentException("The pad modulo must be at least 1, got " + modulo);
        }
        if (minSize < 0) {
            throw new IllegalArgumentException("The minimum size must not be negative, got " + minSize);
        }
    }

    public static PadRules modulo(int modulo) {
        return new PadRules(modulo, 0, false);
    }
}
