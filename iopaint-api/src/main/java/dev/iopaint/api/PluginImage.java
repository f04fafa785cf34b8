package dev.iopaint.api;

import java.util.Objects;
import java.util.Optional;

/**
 * What a plugin's {@code gen_image} makes: a picture and, when the plugin decides transparency (RemoveBG's
 * cut-out), its alpha plane. Without one, the caller re-attaches the input's own alpha, as IOPaint does.
 *
 * @param image the picture, RGB
 * @param alpha 0 (transparent) to 255 (opaque) per pixel, the same size as {@code image}
 */
public record PluginImage(RgbImage image, Optional<Mask> alpha) {
    public PluginImage {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(alpha, "alpha");
        alpha.ifPresent(plane -> {
            if (plane.width() != image.width() || plane.height() != image.height()) {
                throw new IllegalArgumentException("The alpha plane is " + plane.width() + "x" + plane.height()
                        + " but the image is " + image.width() + "x" + image.height());
            }
        });
    }

    public static PluginImage opaque(RgbImage image) {
        return new PluginImage(image, Optional.empty());
    }

    public static PluginImage withAlpha(RgbImage image, Mask alpha) {
        return new PluginImage(image, Optional.of(alpha));
    }
}
