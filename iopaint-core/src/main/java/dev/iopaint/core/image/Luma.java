package dev.iopaint.core.image;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

/**
 * RGB to gray exactly as Pillow's {@code convert("L")}, which IOPaint uses to read masks: ITU-R 601-2 weights in
 * 16-bit fixed point, {@code (R*19595 + G*38470 + B*7471 + 0x8000) >> 16}. The weights sum to 65536, so gray
 * stays gray, and the added half rounds to nearest (halves up) instead of truncating.
 */
public final class Luma {
    private Luma() {
    }

    public static Mask of(RgbImage image) {
        byte[] rgb = image.pixels();
        byte[] gray = new byte[image.width() * image.height()];
        for (int i = 0, j = 0; i < gray.length; i++, j += 3) {
            gray[i] = (byte) (((rgb[j] & 0xFF) * 19595 + (rgb[j + 1] & 0xFF) * 38470 + (rgb[j + 2] & 0xFF) * 7471
                    + 0x8000) >> 16);
        }
        return new Mask(image.width(), image.height(), gray);
    }
}
