package dev.iopaint.core.pipeline;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

/** Small deterministic images and masks for tests. */
final class Images {
    private Images() {
    }

    /** An image whose every pixel differs from its neighbours, so misplaced pixels show. */
    static RgbImage pattern(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                pixels[i] = (byte) (x * 7 + y * 3);
                pixels[i + 1] = (byte) (x * 5 + y * 11);
                pixels[i + 2] = (byte) (x + y);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A mask with 255 in each rectangle {left, top, right, bottom} (right/bottom exclusive). */
    static Mask rectangles(int width, int height, int[]... boxes) {
        byte[] values = new byte[width * height];
        for (int[] box : boxes) {
            for (int y = box[1]; y < box[3]; y++) {
                for (int x = box[0]; x < box[2]; x++) {
                    values[y * width + x] = (byte) 255;
                }
            }
        }
        return new Mask(width, height, values);
    }
}
