package dev.iopaint.server.web;

import java.awt.Rectangle;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.stream.IntStream;

/** Per-channel differences between two images of one size, over an area of them. */
final class Pixels {
    private Pixels() {
    }

    /** Which pixels to compare. */
    @FunctionalInterface
    interface Area {
        boolean contains(int x, int y);

        static Area everywhere() {
            return (x, y) -> true;
        }

        static Area inside(Rectangle rectangle) {
            return rectangle::contains;
        }

        static Area outside(Rectangle rectangle) {
            return (x, y) -> !rectangle.contains(x, y);
        }

        default Area and(Area other) {
            return (x, y) -> contains(x, y) && other.contains(x, y);
        }
    }

    static double meanDifference(BufferedImage a, BufferedImage b, Area area) {
        return differences(a, b, area).average().orElseThrow();
    }

    static int maxDifference(BufferedImage a, BufferedImage b, Area area) {
        return differences(a, b, area).max().orElseThrow();
    }

    /** An image of one colour, to compare a mask with. */
    static BufferedImage solid(int width, int height, int rgb) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        int[] pixels = new int[width * height];
        Arrays.fill(pixels, rgb);
        image.setRGB(0, 0, width, height, pixels, 0, width);
        return image;
    }

    private static IntStream differences(BufferedImage a, BufferedImage b, Area area) {
        int width = a.getWidth();
        int height = a.getHeight();
        if (b.getWidth() != width || b.getHeight() != height) {
            throw new AssertionError("Cannot compare a " + width + "x" + height + " image with a "
                    + b.getWidth() + "x" + b.getHeight() + " one");
        }
        int[] pa = a.getRGB(0, 0, width, height, null, 0, width);
        int[] pb = b.getRGB(0, 0, width, height, null, 0, width);
        return IntStream.range(0, width * height)
                .filter(i -> area.contains(i % width, i / width))
                .flatMap(i -> IntStream.of(0, 8, 16).map(shift -> Math.abs((pa[i] >> shift & 0xFF) - (pb[i] >> shift & 0xFF))));
    }
}
