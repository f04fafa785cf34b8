package dev.iopaint.server.http;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.Mats;
import org.opencv.core.Core;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.util.Locale;

/**
 * The web client's "expand / shrink / reverse mask" as IOPaint's {@code adjust_mask} does it: binarise at 127
 * (values from 127 up are masked), dilate or erode with an elliptical kernel of {@code 2k+1} pixels, or invert;
 * then paint masked pixels in the brush colour the web client draws with.
 */
final class MaskAdjuster {
    /** The brush colour, RGB then alpha: IOPaint's {@code [255, 203, 0, int(255 * 0.73)]}. */
    static final int[] BRUSH_RGBA = {255, 203, 0, 186};
    /** The largest kernel accepted; beyond it dilation gets very slow and no brush is that wide. */
    static final int MAX_KERNEL_SIZE = 100;

    enum Operation {
        EXPAND, SHRINK, REVERSE;

        /** The name IOPaint's {@code operate} field uses. */
        String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private MaskAdjuster() {
    }

    /** The adjusted mask as brush-coloured RGB plus alpha (0 where unmasked). */
    static BrushMask adjust(Mask mask, int kernelSize, Operation operation) {
        if (kernelSize < 0 || kernelSize > MAX_KERNEL_SIZE) {
            throw new IllegalArgumentException("kernel_size must be between 0 and " + MAX_KERNEL_SIZE + ", got "
                    + kernelSize);
        }
        Mat source = Mats.of(mask);
        Mat binary = new Mat();
        Mat adjusted = new Mat();
        Mat kernel = null;
        try {
            Imgproc.threshold(source, binary, 126, 255, Imgproc.THRESH_BINARY);
            if (operation == Operation.REVERSE) {
                Core.bitwise_not(binary, adjusted);
            } else {
                int side = 2 * kernelSize + 1;
                kernel = Imgproc.getStructuringElement(Imgproc.MORPH_ELLIPSE, new Size(side, side));
                if (operation == Operation.EXPAND) {
                    Imgproc.dilate(binary, adjusted, kernel);
                } else {
                    Imgproc.erode(binary, adjusted, kernel);
                }
            }
            return paint(Mats.toMask(adjusted));
        } finally {
            source.release();
            binary.release();
            adjusted.release();
            if (kernel != null) {
                kernel.release();
            }
        }
    }

    /**
     * The mask in the brush colour, as IOPaint answers {@code adjust_mask} and {@code run_plugin_gen_mask}: values
     * above 128 become {@link #BRUSH_RGBA}, the rest transparent black.
     */
    static BrushMask paint(Mask mask) {
        byte[] values = mask.values();
        byte[] rgb = new byte[values.length * 3];
        byte[] alpha = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            if ((values[i] & 0xff) > 128) {
                rgb[3 * i] = (byte) BRUSH_RGBA[0];
                rgb[3 * i + 1] = (byte) BRUSH_RGBA[1];
                rgb[3 * i + 2] = (byte) BRUSH_RGBA[2];
                alpha[i] = (byte) BRUSH_RGBA[3];
            }
        }
        return new BrushMask(new RgbImage(mask.width(), mask.height(), rgb), alpha);
    }

    /** A mask drawn in the brush colour: colour pixels plus an alpha channel. */
    record BrushMask(RgbImage rgb, byte[] alpha) {
    }
}
