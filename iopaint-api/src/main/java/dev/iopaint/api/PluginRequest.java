package dev.iopaint.api;

import java.util.List;

/**
 * What a plugin is asked besides the image, as IOPaint's {@code RunPluginRequest}: the clicks of interactive
 * segmentation (empty for other plugins) and the upscaling factor of RealESRGAN (1 for the others).
 */
public record PluginRequest(List<Click> clicks, double scale) {
    public static final PluginRequest NONE = new PluginRequest(List.of(), 1);

    public PluginRequest {
        clicks = List.copyOf(clicks);
        if (!(scale > 0) || !Double.isFinite(scale)) {
            throw new UnsupportedInputException("A plugin's scale must be a positive number, got " + scale);
        }
    }

    public static PluginRequest clicks(List<Click> clicks) {
        return new PluginRequest(clicks, 1);
    }
}
