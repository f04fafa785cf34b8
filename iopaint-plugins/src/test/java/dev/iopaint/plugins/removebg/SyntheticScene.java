package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

import java.util.Random;

/**
 * A large bright disc in the middle and a small dull square near a corner, on a fine low-contrast grey texture:
 * the disc is the salient object a salient-object model like U^2-Netp should pick, the square is not.
 *
 * @param disc   true where the disc is
 * @param square true where the square is
 */
record SyntheticScene(RgbImage image, boolean[] disc, boolean[] square) {
    static SyntheticScene make(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        boolean[] disc = new boolean[width * height];
        boolean[] square = new boolean[width * height];
        Random noise = new Random(7);
        double radius = Math.min(width, height) * 0.3125;
        int side = Math.min(width, height) * 5 / 32;
        int left = width / 12;
        int top = height / 12;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double dx = x + 0.5 - width / 2.0;
                double dy = y + 0.5 - height / 2.0;
                int[] rgb;
                if (dx * dx + dy * dy <= radius * radius) {
                    disc[i] = true;
                    rgb = new int[] {235, 188, 78};
                } else if (x >= left && x < left + side && y >= top && y < top + side) {
                    square[i] = true;
                    rgb = new int[] {46, 70, 140};
                } else {
                    // Grey 90 with +-10 noise over a 3-pixel checkerboard of +-3.
                    int grey = 90 + noise.nextInt(21) - 10 + ((x / 3 + y / 3) % 2 == 0 ? 3 : -3);
                    rgb = new int[] {grey, grey, grey + 4};
                }
                for (int c = 0; c < 3; c++) {
                    pixels[i * 3 + c] = (byte) rgb[c];
                }
            }
        }
        return new SyntheticScene(new RgbImage(width, height, pixels), disc, square);
    }

    /** Intersection over union of the mask's pixels above 127 (the web client's cut) and {@code truth}. */
    static double iou(Mask mask, boolean[] truth) {
        long both = 0;
        long either = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean selected = (mask.values()[i] & 0xFF) >= 128;
            both += selected && truth[i] ? 1 : 0;
            either += selected || truth[i] ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** The share of {@code region}'s pixels the mask selects (above 127). */
    static double covered(Mask mask, boolean[] region) {
        long inside = 0;
        long selected = 0;
        for (int i = 0; i < region.length; i++) {
            if (region[i]) {
                inside++;
                selected += (mask.values()[i] & 0xFF) >= 128 ? 1 : 0;
            }
        }
        return (double) selected / inside;
    }
}
