package dev.iopaint.core.image;

import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.util.Objects;

/**
 * A decoded input image: its colour pixels, its alpha channel when the file had one (RGBA, gray+alpha or a
 * palette with transparency), the format it came in and the metadata to write back into the answer.
 *
 * @param alpha {@code width * height} bytes, row-major, or null when the image is opaque by format
 */
public record DecodedImage(RgbImage rgb, byte[] alpha, ImageFormat format, ImageMetadata metadata) {
    public DecodedImage {
        Objects.requireNonNull(rgb, "rgb");
        Objects.requireNonNull(format, "format");
        metadata = metadata == null ? ImageMetadata.NONE : metadata;
        if (alpha != null && alpha.length != (long) rgb.width() * rgb.height()) {
            throw new UnsupportedInputException("An alpha channel for a " + rgb.width() + "x" + rgb.height()
                    + " image needs " + (long) rgb.width() * rgb.height() + " bytes, got " + alpha.length);
        }
    }

    public boolean hasAlpha() {
        return alpha != null;
    }

    public int width() {
        return rgb.width();
    }

    public int height() {
        return rgb.height();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DecodedImage that && rgb.equals(that.rgb)
                && java.util.Arrays.equals(alpha, that.alpha) && format == that.format
                && metadata.equals(that.metadata);
    }

    @Override
    public int hashCode() {
        return Objects.hash(rgb, java.util.Arrays.hashCode(alpha), format, metadata);
    }

    @Override
    public String toString() {
        return "DecodedImage[" + format + " " + rgb.width() + "x" + rgb.height() + (alpha == null ? "" : " +alpha")
                + ", " + metadata + "]";
    }
}
