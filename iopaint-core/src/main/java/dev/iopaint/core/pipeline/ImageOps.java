package dev.iopaint.core.pipeline;

import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * The image operations of IOPaint's pipeline, on OpenCV Mats, with IOPaint's numeric behaviour (float64
 * blends, truncation toward zero when going back to 8 bits). Every method that returns a Mat returns a new
 * one that the caller releases. Images may be {@code CV_8UC3} or, between a blend and the final cast,
 * {@code CV_64FC3}; masks are {@code CV_8UC1}. None of these depends on the channel order.
 */
public final class ImageOps {
    /** The Resize strategy restores pixels whose original mask value is below this. */
    private static final int RESTORE_BELOW = 127;

    static {
        OpenCv.load();
    }

    private ImageOps() {
    }

    /** A copy (not a view) of the pixels inside {@code box}. */
    public static Mat crop(Mat src, Box box) {
        if (box.right() > src.cols() || box.bottom() > src.rows()) {
            throw new IllegalArgumentException(box + " lies outside a " + src.cols() + "x" + src.rows() + " image");
        }
        Mat view = src.submat(box.top(), box.bottom(), box.left(), box.right());
        try {
            return view.clone();
        } finally {
            view.release();
        }
    }

    /** Bicubic resize to {@code width x height}, keeping the depth (a float image stays float, unclipped). */
    public static Mat resizeCubic(Mat src, int width, int height) {
        Mat resized = new Mat();
        Imgproc.resize(src, resized, new Size(width, height), 0, 0, Imgproc.INTER_CUBIC);
        return resized;
    }

    /**
     * IOPaint's {@code resize_max_size}: when the longer side exceeds {@code sizeLimit}, a bicubic resize so that
     * it equals the limit, each side scaled by {@code limit / longer} and rounded as {@code int(x * ratio + 0.5)};
     * otherwise a copy. A side never drops below one pixel (IOPaint would fail there).
     */
    public static Mat resizeMaxSize(Mat src, int sizeLimit) {
        int longer = Math.max(src.cols(), src.rows());
        if (longer <= sizeLimit) {
            return src.clone();
        }
        double ratio = sizeLimit / (double) longer;
        int width = Math.max(1, (int) (src.cols() * ratio + 0.5));
        int height = Math.max(1, (int) (src.rows() * ratio + 0.5));
        return resizeCubic(src, width, height);
    }

    /** {@code GaussianBlur} with a {@code 2 * radius + 1} square kernel and the sigma OpenCV derives from it. */
    public static Mat gaussianBlur(Mat mask, int radius) {
        int kernel = 2 * radius + 1;
        Mat blurred = new Mat();
        Imgproc.GaussianBlur(mask, blurred, new Size(kernel, kernel), 0);
        return blurred;
    }

    /**
     * IOPaint's keep-unmasked blend, {@code result * m/255 + original * (1 - m/255)}, computed in float64 as
     * numpy does and returned unrounded as {@code CV_64FC3}; {@link #toUint8} then truncates it as IOPaint's
     * {@code astype(uint8)} does.
     *
     * @param result   {@code CV_8UC3}
     * @param original {@code CV_8UC3}, same size
     * @param mask     {@code CV_8UC1}, same size, 0..255 weights
     */
    public static Mat keepUnmasked(Mat result, Mat original, Mat mask) {
        requireSameSize(result, original, "result", "original");
        requireSameSize(result, mask, "result", "mask");
        int cols = result.cols();
        byte[] resultRow = new byte[cols * 3];
        byte[] originalRow = new byte[cols * 3];
        byte[] maskRow = new byte[cols];
        double[] blendedRow = new double[cols * 3];
        Mat blended = new Mat(result.rows(), cols, CvType.CV_64FC3);
        for (int row = 0; row < result.rows(); row++) {
            result.get(row, 0, resultRow);
            original.get(row, 0, originalRow);
            mask.get(row, 0, maskRow);
            for (int col = 0; col < cols; col++) {
                double weight = (maskRow[col] & 0xFF) / 255.0;
                for (int c = col * 3; c < col * 3 + 3; c++) {
                    blendedRow[c] = (resultRow[c] & 0xFF) * weight + (originalRow[c] & 0xFF) * (1 - weight);
                }
            }
            blended.put(row, 0, blendedRow);
        }
        return blended;
    }

    /** The pixels of an 8-bit image, or of a float one cast as {@link #toUint8} does, as an {@link RgbImage}. */
    public static RgbImage toImage(Mat src) {
        if (src.depth() == CvType.CV_8U) {
            return Mats.toImage(src);
        }
        Mat bytes = toUint8(src);
        try {
            return Mats.toImage(bytes);
        } finally {
            bytes.release();
        }
    }

    /**
     * The last step of IOPaint's Resize strategy: every pixel whose original mask value is below 127 is set back
     * to the original, in place.
     *
     * @param result   {@code CV_8UC3} or {@code CV_64FC3}, changed in place
     * @param original {@code CV_8UC3}, same size
     * @param mask     the original {@code CV_8UC1} mask, same size
     */
    public static void restoreUnmasked(Mat result, Mat original, Mat mask) {
        requireSameSize(result, original, "result", "original");
        requireSameSize(result, mask, "result", "mask");
        Mat unmasked = new Mat();
        Mat source = new Mat();
        try {
            Core.compare(mask, new Scalar(RESTORE_BELOW), unmasked, Core.CMP_LT);
            original.convertTo(source, result.depth());
            source.copyTo(result, unmasked);
        } finally {
            unmasked.release();
            source.release();
        }
    }

    /**
     * An 8-bit copy: a float image is clipped to 0..255 and truncated toward zero, like IOPaint's
     * {@code astype(uint8)} but without its wrap-around of values outside 0..255 (the one place where we
     * deliberately differ); an 8-bit image is copied.
     */
    public static Mat toUint8(Mat src) {
        if (src.depth() == CvType.CV_8U) {
            return src.clone();
        }
        if (src.depth() != CvType.CV_64F) {
            throw new IllegalArgumentException("Expected an 8-bit or float64 image, got "
                    + CvType.typeToString(src.type()));
        }
        int width = src.cols() * src.channels();
        double[] in = new double[width];
        byte[] out = new byte[width];
        Mat bytes = new Mat(src.rows(), src.cols(), CvType.makeType(CvType.CV_8U, src.channels()));
        for (int row = 0; row < src.rows(); row++) {
            src.get(row, 0, in);
            for (int i = 0; i < width; i++) {
                double value = in[i];
                out[i] = (byte) (value >= 255 ? 255 : value > 0 ? (int) value : 0);
            }
            bytes.put(row, 0, out);
        }
        return bytes;
    }

    /** Writes {@code src} (8-bit, or float cast as {@link #toUint8} does) into the 8-bit {@code target} at (x, y). */
    public static void paste(Mat target, Mat src, int x, int y) {
        if (x < 0 || y < 0 || x + src.cols() > target.cols() || y + src.rows() > target.rows()) {
            throw new IllegalArgumentException("A " + src.cols() + "x" + src.rows() + " patch at (" + x + ", " + y
                    + ") does not fit a " + target.cols() + "x" + target.rows() + " image");
        }
        Mat bytes = toUint8(src);
        Mat region = target.submat(y, y + src.rows(), x, x + src.cols());
        try {
            bytes.copyTo(region);
        } finally {
            region.release();
            bytes.release();
        }
    }

    static void requireSameSize(Mat a, Mat b, String aName, String bName) {
        if (a.cols() != b.cols() || a.rows() != b.rows()) {
            throw new IllegalArgumentException("The " + aName + " is " + a.cols() + "x" + a.rows() + " but the "
                    + bName + " is " + b.cols() + "x" + b.rows());
        }
    }
}
