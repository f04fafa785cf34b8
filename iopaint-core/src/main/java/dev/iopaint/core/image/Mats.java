package dev.iopaint.core.image;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import org.opencv.core.CvType;
import org.opencv.core.Mat;

/**
 * Conversions between the API's value types and OpenCV matrices. Channel order is kept as it is: an
 * {@link RgbImage} becomes an RGB {@code CV_8UC3} Mat (not BGR), which is what every colour-blind operation
 * (resize, pad, blend, LUT) needs; convert explicitly where an OpenCV function cares about the order.
 * The caller releases every Mat it gets.
 */
public final class Mats {
    static {
        OpenCv.load();
    }

    private Mats() {
    }

    public static Mat of(RgbImage image) {
        Mat mat = new Mat(image.height(), image.width(), CvType.CV_8UC3);
        mat.put(0, 0, image.pixels());
        return mat;
    }

    public static Mat of(Mask mask) {
        Mat mat = new Mat(mask.height(), mask.width(), CvType.CV_8UC1);
        mat.put(0, 0, mask.values());
        return mat;
    }

    /** A copy of a {@code CV_8UC3} Mat's pixels as an image, in the Mat's channel order. */
    public static RgbImage toImage(Mat mat) {
        requireType(mat, CvType.CV_8UC3);
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        byte[] pixels = new byte[(int) (continuous.total() * 3)];
        continuous.get(0, 0, pixels);
        if (continuous != mat) {
            continuous.release();
        }
        return new RgbImage(mat.cols(), mat.rows(), pixels);
    }

    /** A copy of a {@code CV_8UC1} Mat's values as a mask. */
    public static Mask toMask(Mat mat) {
        requireType(mat, CvType.CV_8UC1);
        Mat continuous = mat.isContinuous() ? mat : mat.clone();
        byte[] values = new byte[(int) continuous.total()];
        continuous.get(0, 0, values);
        if (continuous != mat) {
            continuous.release();
        }
        return new Mask(mat.cols(), mat.rows(), values);
    }

    private static void requireType(Mat mat, int type) {
        if (mat.type() != type) {
            throw new IllegalArgumentException("Expected a Mat of type " + CvType.typeToString(type) + ", got "
                    + CvType.typeToString(mat.type()));
        }
    }
}
