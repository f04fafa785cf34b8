package dev.iopaint.server.http;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

import java.util.Random;

/**
 * A disc and a square on a textured background, with the true masks of both, for the real plugins: clicks select
 * a shape, and a salient-object model picks the prominent disc.
 *
 * @param discX the disc's centre, in pixels
 * @param discY the disc's centre, in pixels
 */
record PluginScene(RgbImage image, Mask disc, Mask square, double discX, double discY) {
    /** A red disc on the left and a blue square on the upper right, apart, on a wavy, noisy green-grey ground. */
    static PluginScene twoShapes(int width, int height) {
        int unit = Math.min(width, height);
        return draw(width, height, new double[] {width * 0.3, height * 0.55, unit * 0.25}, new int[] {215, 55, 45},
                new double[] {width * 0.75, height * 0.35, unit * 0.14}, new int[] {40, 75, 205},
                (x, y, noise) -> {
                    int shade = (int) (25 * Math.sin(x / 9.0) * Math.cos(y / 13.0) + noise.nextGaussian() * 6);
                    return new int[] {110 + shade, 135 + shade, 100 + shade};
                });
    }

    /**
     * A large bright disc in the middle and a small dull square near the top left corner, on a fine low-contrast
     * grey texture: the disc is what a salient-object model should cut out.
     */
    static PluginScene salient(int width, int height) {
        int unit = Math.min(width, height);
        double half = unit * 0.08;
        return draw(width, height, new double[] {width * 0.5, height * 0.5, unit * 0.31}, new int[] {235, 188, 78},
                new double[] {width / 12.0 + half, height / 12.0 + half, half}, new int[] {46, 70, 140},
                (x, y, noise) -> {
                    int grey = 90 + noise.nextInt(21) - 10 + ((x / 3 + y / 3) % 2 == 0 ? 3 : -3);
                    return new int[] {grey, grey, grey + 4};
                });
    }

    /** The background's colour at a pixel. */
    private interface Ground {
        int[] rgb(int x, int y, Random noise);
    }

    /** {@code disc} and {@code square} are {centre x, centre y, radius or half side}. */
    private static PluginScene draw(int width, int height, double[] disc, int[] discRgb, double[] square,
                                    int[] squareRgb, Ground ground) {
        byte[] pixels = new byte[width * height * 3];
        byte[] inDisc = new byte[width * height];
        byte[] inSquare = new byte[width * height];
        Random noise = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double px = x + 0.5;
                double py = y + 0.5;
                int[] rgb = ground.rgb(x, y, noise);
                if (Math.hypot(px - disc[0], py - disc[1]) <= disc[2]) {
                    inDisc[i] = (byte) 255;
                    rgb = discRgb;
                } else if (Math.abs(px - square[0]) <= square[2] && Math.abs(py - square[1]) <= square[2]) {
                    inSquare[i] = (byte) 255;
                    rgb = squareRgb;
                }
                for (int c = 0; c < 3; c++) {
                    pixels[3 * i + c] = (byte) Math.max(0, Math.min(255, rgb[c]));
                }
            }
        }
        return new PluginScene(new RgbImage(width, height, pixels), new Mask(width, height, inDisc),
                new Mask(width, height, inSquare), disc[0], disc[1]);
    }

    /** Intersection over union of {@code selected} (one flag a pixel, row-major) and the non-zero pixels of truth. */
    static double iou(boolean[] selected, Mask truth) {
        long both = 0;
        long either = 0;
        for (int i = 0; i < selected.length; i++) {
            boolean inTruth = truth.values()[i] != 0;
            both += selected[i] && inTruth ? 1 : 0;
            either += selected[i] || inTruth ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** The share of {@code region}'s pixels that {@code selected} holds. */
    static double covered(boolean[] selected, Mask region) {
        long inside = 0;
        long hit = 0;
        for (int i = 0; i < selected.length; i++) {
            if (region.values()[i] != 0) {
                inside++;
                hit += selected[i] ? 1 : 0;
            }
        }
        return (double) hit / inside;
    }
}
