package dev.iopaint.core.pipeline;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import java.util.List;

/**
 * Windows cut from and pasted into images held as Java arrays, row by row. The window paths (the Crop strategy,
 * the each-box path) work on these, so the whole frame never goes to native memory and back: only the windows
 * the model sees do, inside the model.
 */
final class Windows {
    private Windows() {
    }

    /** A copy of the pixels inside {@code box}. */
    static RgbImage crop(RgbImage image, Box box) {
        requireInside(box, image.width(), image.height());
        byte[] pixels = new byte[box.width() * box.height() * 3];
        copyRows(image.pixels(), image.width(), box, pixels, 3);
        return new RgbImage(box.width(), box.height(), pixels);
    }

    /** A copy of the mask values inside {@code box}. */
    static Mask crop(Mask mask, Box box) {
        requireInside(box, mask.width(), mask.height());
        byte[] values = new byte[box.width() * box.height()];
        copyRows(mask.values(), mask.width(), box, values, 1);
        return new Mask(box.width(), box.height(), values);
    }

    /**
     * A copy of {@code image} with each patch written at its window's top left corner, in list order, so where
     * windows overlap the later one wins.
     */
    static RgbImage paste(RgbImage image, List<RgbImage> patches, List<Box> windows) {
        if (patches.size() != windows.size()) {
            throw new IllegalArgumentException(patches.size() + " patches for " + windows.size() + " windows");
        }
        byte[] pixels = image.pixels().clone();
        for (int i = 0; i < patches.size(); i++) {
            RgbImage patch = patches.get(i);
            Box window = windows.get(i);
            requireInside(window, image.width(), image.height());
            if (patch.width() != window.width() || patch.height() != window.height()) {
                throw new IllegalArgumentException("A " + patch.width() + "x" + patch.height()
                        + " patch does not fit the window " + window);
            }
            int rowBytes = window.width() * 3;
            for (int row = 0; row < window.height(); row++) {
                int to = ((window.top() + row) * image.width() + window.left()) * 3;
                System.arraycopy(patch.pixels(), row * rowBytes, pixels, to, rowBytes);
            }
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    private static void copyRows(byte[] from, int width, Box box, byte[] to, int channels) {
        int rowBytes = box.width() * channels;
        for (int row = 0; row < box.height(); row++) {
            int at = ((box.top() + row) * width + box.left()) * channels;
            System.arraycopy(from, at, to, row * rowBytes, rowBytes);
        }
    }

    private static void requireInside(Box box, int width, int height) {
        if (box.right() > width || box.bottom() > height) {
            throw new IllegalArgumentException(box + " lies outside a " + width + "x" + height + " image");
        }
    }
}
