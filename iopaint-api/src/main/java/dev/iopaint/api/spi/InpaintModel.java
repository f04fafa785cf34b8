package dev.iopaint.api.spi;

import dev.iopaint.api.CallPath;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;

import java.util.ArrayList;
import java.util.List;

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

    /**
     * Runs {@link #forward} on independent, already padded images, such as the Crop strategy's windows of one
     * image, and returns the results in the same order. By default one after the other; a model that can share
     * the machine among concurrent passes overrides it.
     *
     * @param images RGB, each sized to {@link #padRules()}
     * @param masks  one per image, of its size
     */
    default List<RgbImage> forwardEach(List<RgbImage> images, List<Mask> masks, InpaintRequest request) {
        if (images.size() != masks.size()) {
            throw new UnsupportedInputException(images.size() + " images but " + masks.size()
                    + " masks; pass one mask per image");
        }
        List<RgbImage> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            results.add(forward(images.get(i), masks.get(i), request));
        }
        return results;
    }

    /** Frees the model's native memory; calling it again does nothing. */
    @Override
    void close();
}
