package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Click;
import dev.iopaint.api.UnsupportedInputException;

/**
 * Where an image sits in SAM's square input: scaled so its longest side is {@value #SIDE}, at the top left, the
 * rest padded (segment_anything's {@code ResizeLongestSide}).
 *
 * @param width        the image's width
 * @param height       the image's height
 * @param scaledWidth  its width in the {@value #SIDE} frame
 * @param scaledHeight its height in the {@value #SIDE} frame
 */
record SamFrame(int width, int height, int scaledWidth, int scaledHeight) {
    /** The side of the encoder's square input. */
    static final int SIDE = 1024;

    SamFrame {
        if (width < 1 || height < 1 || scaledWidth < 1 || scaledHeight < 1 || scaledWidth > SIDE
                || scaledHeight > SIDE) {
            throw new IllegalArgumentException("No SAM frame for " + width + "x" + height + " scaled to "
                    + scaledWidth + "x" + scaledHeight);
        }
    }

    /**
     * The frame of an image of this size, rounded as {@code get_preprocess_shape} does ({@code int(side * scale +
     * 0.5)}).
     *
     * @throws UnsupportedInputException when the image is so thin that its short side would vanish
     */
    static SamFrame of(int width, int height) {
        double scale = SIDE * 1.0 / Math.max(width, height);
        int scaledWidth = (int) (width * scale + 0.5);
        int scaledHeight = (int) (height * scale + 0.5);
        if (scaledWidth < 1 || scaledHeight < 1) {
            throw new UnsupportedInputException("A " + width + "x" + height + " image is too thin for interactive"
                    + " segmentation: its short side would be 0 pixels once its long side is " + SIDE
                    + "; crop it to a ratio under 2048:1");
        }
        return new SamFrame(width, height, scaledWidth, scaledHeight);
    }

    boolean scalesDown() {
        return scaledWidth < width;
    }

    /** A click in the {@value #SIDE} frame, each axis scaled on its own as {@code apply_coords} does. */
    float[] point(Click click) {
        return new float[] {
            (float) (click.x() * ((double) scaledWidth / width)),
            (float) (click.y() * ((double) scaledHeight / height))
        };
    }
}
