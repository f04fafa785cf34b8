package dev.iopaint.api;

/**
 * An 8-bit RGB image: {@code pixels} holds {@code width * height * 3} bytes, interleaved R, G, B, row-major.
 * The array is shared, not copied: treat it as read-only once the image is built.
 */
public record RgbImage(int width, int height, byte[] pixels) {
    public RgbImage {
        Sizes.requirePositive(width, height);
        if (pixels == null || pixels.length != (long) width * height * 3) {
            throw new UnsupportedInputException("An RGB image of " + width + "x" + height + " needs "
                    + (long) width * height * 3 + " bytes, got " + (pixels == null ? "none" : pixels.length));
        }
    }

    /** A black image of the given size. */
    public static RgbImage blank(int width, int height) {
        return new RgbImage(width, height, new byte[Math.multiplyExact(Math.multiplyExact(width, height), 3)]);
    }

    /** Red, green and blue of one pixel, each 0..255. */
    public int[] rgb(int x, int y) {
        int i = (y * width + x) * 3;
        return new int[] {pixels[i] & 0xFF, pixels[i + 1] & 0xFF, pixels[i + 2] & 0xFF};
    }

    public boolean sameSizeAs(Mask mask) {
        return width == mask.width() && height == mask.height();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RgbImage that && width == that.width && height == that.height
                && java.util.Arrays.equals(pixels, that.pixels);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + java.util.Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "RgbImage[" + width + "x" + height + "]";
    }
}
