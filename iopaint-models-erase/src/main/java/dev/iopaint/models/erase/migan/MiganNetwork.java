package dev.iopaint.models.erase.migan;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

/** One loaded form of MI-GAN's weights: RGB and a 0..255 mask in, RGB of the same size out. */
interface MiganNetwork extends AutoCloseable {
    /** IOPaint's MI-GAN marks a pixel as a hole when its mask value is above this. */
    int HOLE_ABOVE = 120;

    RgbImage inpaint(RgbImage image, Mask mask);

    @Override
    void close();
}
