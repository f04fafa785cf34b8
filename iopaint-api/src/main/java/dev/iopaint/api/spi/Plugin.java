package dev.iopaint.api.spi;

import dev.iopaint.api.Mask;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;

/**
 * A plugin with one model loaded; {@link PluginProvider#load} makes it and the caller closes it. Calls may come
 * from several threads at once. Switching models means loading another and closing this one.
 */
public interface Plugin extends AutoCloseable {
    /** The loaded model's name. */
    String model();

    /**
     * A mask of what the plugin selects in the image: 255 where selected, 0 elsewhere (values in between where it
     * is unsure), the image's size. Callers dilate and colour it for IOPaint's web client.
     *
     * @throws UnsupportedOperationException when the provider does not {@link PluginProvider#supportsGenMask}
     */
    default Mask genMask(RgbImage image, PluginRequest request) {
        throw new UnsupportedOperationException(model() + " makes no masks");
    }

    /**
     * A new image made from this one (a cut-out, an upscaled copy, ...).
     *
     * @throws UnsupportedOperationException when the provider does not {@link PluginProvider#supportsGenImage}
     */
    default PluginImage genImage(RgbImage image, PluginRequest request) {
        throw new UnsupportedOperationException(model() + " makes no images");
    }

    /** Frees native memory; idempotent. */
    @Override
    void close();
}
