package dev.iopaint.api.spi;

import dev.iopaint.api.CallPath;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;

/**
 * A loaded model. Core's pipeline does everything around {@link #forward}: decoding, HD strategy, padding,
 * blending, encoding. Implementations hold native memory and free it in {@link #close()}.
 */
public interface InpaintModel extends AutoCloseable {
    ModelInfo info();

    /** How the pipeline pads images before {@link #forward}. */
    PadRules padRules();

    /** Which of core's call paths runs around {@link #forward}; most models use the request's HD strategy. */
    default CallPath callPath() {
        return CallPath.HD_STRATEGY;
    }

    /**
     * Runs the model on one already padded image.
     *
     * @param image   RGB, sized to {@link #padRules()}
     * @param mask    the same size, 0 or 255 (grey values only on the Resize path, as in IOPaint)
     * @param request the call's settings
     * @return the repainted RGB image, the same size as {@code image}
     */
    RgbImage forward(RgbImage image, Mask mask, InpaintRequest request);

    /** Frees the model's native memory; calling it again does nothing. */
    @Override
    void close();
}
