package dev.iopaint.core.pipeline;

import dev.iopaint.api.PadRules;
import dev.iopaint.core.image.OpenCv;
import org.opencv.core.Core;
import org.opencv.core.Mat;

/**
 * IOPaint's {@code pad_img_to_modulo}: mirror padding on the bottom and right only, up to a multiple of the
 * modulo, at least the minimum size, and square when asked.
 */
public final class Padding {
    static {
        OpenCv.load();
    }

    private Padding() {
    }

    /** The size an image of {@code width x height} is padded to. */
    public record PaddedSize(int width, int height) {
    }

    public static PaddedSize paddedSize(int width, int height, PadRules rules) {
        int outWidth = Math.max(ceilModulo(width, rules.modulo()), rules.minSize());
        int outHeight = Math.max(ceilModulo(height, rules.modulo()), rules.minSize());
        if (rules.square()) {
            int side = Math.max(outWidth, outHeight);
            return new PaddedSize(side, side);
        }
        return new PaddedSize(outWidth, outHeight);
    }

    /** The smallest multiple of {@code modulo} that is at least {@code value}. */
    public static int ceilModulo(int value, int modulo) {
        return value % modulo == 0 ? value : (value / modulo + 1) * modulo;
    }

    /**
     * A padded copy of an image or mask of any type. numpy's {@code mode="symmetric"} repeats the edge pixel
     * (abc|cba), which is OpenCV's BORDER_REFLECT, not REFLECT_101; both repeat the reflection periodically
     * when the padding is longer than the image. The source must not be a view into a larger Mat, or OpenCV
     * would take the border from the pixels around it.
     */
    public static Mat pad(Mat src, PadRules rules) {
        PaddedSize size = paddedSize(src.cols(), src.rows(), rules);
        Mat padded = new Mat();
        Core.copyMakeBorder(src, padded, 0, size.height() - src.rows(), 0, size.width() - src.cols(),
                Core.BORDER_REFLECT);
        return padded;
    }
}
