package dev.iopaint.bench;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

import java.util.Random;

/** Inputs for the benchmarks, made the same way every run. */
final class Images {
    private Images() {
    }

    /** Smooth gradients with fine noise, so encoders and models see something photo-like rather than flat colour. */
    static RgbImage photoLike(int width, int height) {
        Random random = new Random(7);
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[i++] = (byte) (x * 255 / width + random.nextInt(8));
                pixels[i++] = (byte) (y * 255 / height + random.nextInt(8));
                pixels[i++] = (byte) ((x + y) * 127 / (width + height) + random.nextInt(8));
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** Two separate elliptical blobs covering about 10% of the image, as a user's two strokes might. */
    static Mask twoBlobs(int width, int height) {
        byte[] values = new byte[width * height];
        double rx = width * 0.12;
        double ry = height * 0.13;
        double[][] centres = {{width * 0.3, height * 0.4}, {width * 0.7, height * 0.6}};
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                for (double[] c : centres) {
                    double dx = (x - c[0]) / rx;
                    double dy = (y - c[1]) / ry;
                    if (dx * dx + dy * dy <= 1) {
                        values[y * width + x] = (byte) 255;
                    }
                }
            }
        }
        return new Mask(width, height, values);
    }

    /** The width of a {@code @Param} size such as {@code "1920x1080"}. */
    static int width(String size) {
        return Integer.parseInt(size.substring(0, size.indexOf('x')));
    }

    /** The height of a {@code @Param} size such as {@code "1920x1080"}. */
    static int height(String size) {
        return Integer.parseInt(size.substring(size.indexOf('x') + 1));
    }
}
