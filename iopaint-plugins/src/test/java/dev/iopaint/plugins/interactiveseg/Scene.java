package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

import java.util.Random;

/**
 * A red disc and a blue square on a textured green-grey background, drawn at any size (positions are fractions of
 * the image), with the true masks of both shapes: side by side, or the disc inside the square.
 *
 * @param square the square's pixels, the disc's included when the disc is inside it
 */
record Scene(RgbImage image, Mask disc, Mask square, double discX, double discY, double squareX, double squareY,
             double squareHalf) {
    /** The disc on the left, the square on the upper right, apart. */
    static Scene of(int width, int height) {
        int unit = Math.min(width, height);
        return draw(width, height, width * 0.3, height * 0.55, unit * 0.2, width * 0.72, height * 0.4, unit * 0.14);
    }

    /** A large square in the middle with the disc in its centre. */
    static Scene nested(int width, int height) {
        int unit = Math.min(width, height);
        return draw(width, height, width * 0.5, height * 0.5, unit * 0.12, width * 0.5, height * 0.5, unit * 0.4);
    }

    private static Scene draw(int width, int height, double discX, double discY, double radius, double squareX,
                              double squareY, double half) {
        byte[] pixels = new byte[width * height * 3];
        byte[] disc = new byte[width * height];
        byte[] square = new byte[width * height];
        Random noise = new Random(7);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = y * width + x;
                double px = x + 0.5;
                double py = y + 0.5;
                double shade = 25 * Math.sin(px / 9.0) * Math.cos(py / 13.0) + noise.nextGaussian() * 6;
                int r = (int) (110 + shade);
                int g = (int) (135 + shade);
                int b = (int) (100 + shade);
                boolean inSquare = Math.abs(px - squareX) <= half && Math.abs(py - squareY) <= half;
                if (inSquare) {
                    square[i] = (byte) 255;
                    r = 40;
                    g = 75;
                    b = (int) (205 + noise.nextGaussian() * 4);
                }
                if (Math.hypot(px - discX, py - discY) <= radius) {
                    disc[i] = (byte) 255;
                    r = (int) (215 + noise.nextGaussian() * 4);
                    g = 55;
                    b = 45;
                }
                pixels[3 * i] = (byte) clamp(r);
                pixels[3 * i + 1] = (byte) clamp(g);
                pixels[3 * i + 2] = (byte) clamp(b);
            }
        }
        return new Scene(new RgbImage(width, height, pixels), new Mask(width, height, disc),
                new Mask(width, height, square), discX, discY, squareX, squareY, half);
    }

    private static int clamp(int value) {
        return Math.max(0, Math.min(255, value));
    }

    /** The pixels of {@code outer} that are not in {@code inner}. */
    static Mask without(Mask outer, Mask inner) {
        byte[] values = new byte[outer.values().length];
        for (int i = 0; i < values.length; i++) {
            values[i] = inner.values()[i] == 0 ? outer.values()[i] : 0;
        }
        return new Mask(outer.width(), outer.height(), values);
    }

    /** Intersection over union of two masks' non-zero pixels. */
    static double iou(Mask a, Mask b) {
        long both = 0;
        long either = 0;
        for (int i = 0; i < a.values().length; i++) {
            boolean inA = a.values()[i] != 0;
            boolean inB = b.values()[i] != 0;
            both += inA && inB ? 1 : 0;
            either += inA || inB ? 1 : 0;
        }
        return either == 0 ? 1 : (double) both / either;
    }

    /** The share of {@code region}'s pixels that {@code mask} selects. */
    static double covered(Mask mask, Mask region) {
        long inside = 0;
        long selected = 0;
        for (int i = 0; i < region.values().length; i++) {
            if (region.values()[i] != 0) {
                inside++;
                selected += mask.values()[i] != 0 ? 1 : 0;
            }
        }
        return (double) selected / inside;
    }

    /** The share of the image's pixels that {@code mask} selects. */
    static double area(Mask mask) {
        long selected = 0;
        for (byte value : mask.values()) {
            selected += value != 0 ? 1 : 0;
        }
        return (double) selected / mask.values().length;
    }
}
