package dev.iopaint.api;

/**
 * A single-channel inpainting mask: {@code values} holds {@code width * height} bytes, 0..255, row-major.
 * Non-zero marks the area to repaint; each step binarises it as IOPaint does at that step.
 * The array is shared, not copied: treat it as read-only once the mask is built.
 */
public record Mask(int width, int height, byte[] values) {
    public Mask {
        Sizes.requirePositive(width, height);
        if (values == null || values.length != (long) width * height) {
            throw new UnsupportedInputException("A mask of " + width + "x" + height + " needs "
                    + (long) width * height + " bytes, got " + (values == null ? "none" : values.length));
        }
    }

    /** A mask with nothing to repaint. */
    public static Mask empty(int width, int height) {
        return new Mask(width, height, new byte[Math.multiplyExact(width, height)]);
    }

    public int value(int x, int y) {
        return values[y * width + x] & 0xFF;
    }

    /** True when no pixel is marked for repainting. */
    public boolean isEmpty() {
        for (byte v : values) {
            if (v != 0) {
                return false;
            }
        }
        return true;
    }

    /**
     * A 0/255 copy where a pixel is marked when its value is above {@code threshold}: IOPaint's HTTP API uses 127
     * ({@code cv2.threshold(mask, 127, 255)}), its batch command keeps values of 127 too, i.e. threshold 126.
     */
    public Mask binarized(int threshold) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (values[i] & 0xFF) > threshold ? (byte) 255 : 0;
        }
        return new Mask(width, height, out);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Mask that && width == that.width && height == that.height
                && java.util.Arrays.equals(values, that.values);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * width + height) + java.util.Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Mask[" + width + "x" + height + "]";
    }
}
