package dev.iopaint.bench;

import dev.iopaint.api.Mask;

import java.util.Arrays;

/** Masks of three round blobs (round relative to the image's sides) that together cover a chosen share. */
final class MaskBlobs {
    /** Centres as fractions of width and height, far enough apart that blobs stay separate up to about 30%. */
    private static final double[][] CENTRES = {{0.25, 0.3}, {0.75, 0.3}, {0.5, 0.72}};

    private MaskBlobs() {
    }

    /**
     * Every pixel gets its distance to the nearest centre (in units of the image's sides); the {@code share} of
     * pixels nearest to a centre become holes, so the covered share is exact whatever the image size.
     */
    static Mask covering(int width, int height, double share) {
        if (share <= 0 || share >= 1) {
            throw new IllegalArgumentException("The mask share must be between 0 and 1, got " + share);
        }
        int pixels = width * height;
        float[] distance = new float[pixels];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++, i++) {
                double nearest = Double.MAX_VALUE;
                for (double[] c : CENTRES) {
                    double dx = (x + 0.5) / width - c[0];
                    double dy = (y + 0.5) / height - c[1];
                    nearest = Math.min(nearest, dx * dx + dy * dy);
                }
                distance[i] = (float) nearest;
            }
        }
        int holes = (int) Math.round(pixels * share);
        float[] sorted = distance.clone();
        Arrays.sort(sorted);
        float threshold = sorted[holes - 1];
        byte[] values = new byte[pixels];
        int marked = 0;
        for (int i = 0; i < pixels && marked < holes; i++) {
            if (distance[i] <= threshold) {
                values[i] = (byte) 255;
                marked++;
            }
        }
        return new Mask(width, height, values);
    }
}
