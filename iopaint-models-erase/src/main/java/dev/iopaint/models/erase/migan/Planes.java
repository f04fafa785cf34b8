package dev.iopaint.models.erase.migan;

import dev.iopaint.api.RgbImage;

/**
 * Interleaved RGB to channel planes and back, in Java: DJL's OnnxRuntime arrays cannot transpose, and a copy in
 * Java is cheap next to the model.
 */
final class Planes {
    private Planes() {
    }

    /** R plane, then G, then B: the layout of a {@code [1, 3, H, W]} tensor. */
    static byte[] toChw(RgbImage image) {
        byte[] pixels = image.pixels();
        int area = image.width() * image.height();
        byte[] planes = new byte[pixels.length];
        for (int i = 0; i < area; i++) {
            planes[i] = pixels[3 * i];
            planes[area + i] = pixels[3 * i + 1];
            planes[2 * area + i] = pixels[3 * i + 2];
        }
        return planes;
    }

    static RgbImage fromChw(byte[] planes, int width, int height) {
        int area = width * height;
        byte[] pixels = new byte[planes.length];
        for (int i = 0; i < area; i++) {
            pixels[3 * i] = planes[i];
            pixels[3 * i + 1] = planes[area + i];
            pixels[3 * i + 2] = planes[2 * area + i];
        }
        return new RgbImage(width, height, pixels);
    }
}
