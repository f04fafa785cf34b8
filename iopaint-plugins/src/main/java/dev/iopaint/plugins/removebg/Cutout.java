package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

/**
 * rembg's {@code naive_cutout}: {@code Image.composite(img, transparent, matte)}, which pastes the image onto
 * transparent black through the matte. Each colour becomes {@code round(c * m / 255)} with PIL's integer blend
 * ({@code DIV255}), and the alpha becomes {@code m}.
 */
final class Cutout {
    private Cutout() {
    }

    /** The colours faded by the matte; the matte itself is the alpha. */
    static RgbImage of(RgbImage image, Mask matte) {
        byte[] rgb = image.pixels();
        byte[] alpha = matte.values();
        byte[] out = new byte[rgb.length];
        for (int pixel = 0; pixel < alpha.length; pixel++) {
            int m = alpha[pixel] & 0xFF;
            for (int i = pixel * 3; i < pixel * 3 + 3; i++) {
                int blended = (rgb[i] & 0xFF) * m + 128;
                out[i] = (byte) (((blended >> 8) + blended) >> 8);
            }
        }
        return new RgbImage(image.width(), image.height(), out);
    }
}
