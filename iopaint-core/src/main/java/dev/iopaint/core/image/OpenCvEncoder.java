package dev.iopaint.core.image;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.RgbImage;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

/**
 * Encodes pixels with OpenCV's {@code imencode} (libpng, libjpeg-turbo, libwebp), from pooled BGR(A) buffers
 * ({@link Scratch}), so the only new memory is the encoded file. No metadata: the containers add it.
 */
final class OpenCvEncoder {
    /** zlib level 1: IOPaint's answers are written once and sent; size matters less than time. */
    static final int PNG_COMPRESSION = 1;

    static {
        OpenCv.load();
    }

    private OpenCvEncoder() {
    }

    /**
     * @param alpha   {@code width * height} bytes, or null; only for formats that hold alpha
     * @param quality 1..100, for JPEG and WebP
     */
    static byte[] encode(RgbImage rgb, byte[] alpha, ImageFormat format, int quality) {
        int width = rgb.width();
        int height = rgb.height();
        List<Mat> mats = new ArrayList<>();
        try (Scratch src = Scratch.of(rgb);
             Scratch bgr = Scratch.of(height, width, alpha == null ? CvType.CV_8UC3 : CvType.CV_8UC4)) {
            if (alpha == null) {
                Imgproc.cvtColor(src.mat(), bgr.mat(), Imgproc.COLOR_RGB2BGR);
            } else {
                try (Scratch channel = Scratch.of(height, width, CvType.CV_8UC1)) {
                    channel.mat().put(0, 0, alpha);
                    // R, G, B and A into B, G, R, A in one pass.
                    Core.mixChannels(List.of(src.mat(), channel.mat()), List.of(bgr.mat()),
                            track(mats, new MatOfInt(0, 2, 1, 1, 2, 0, 3, 3)));
                }
            }
            MatOfInt params = track(mats, switch (format) {
                case PNG -> new MatOfInt(Imgcodecs.IMWRITE_PNG_COMPRESSION, PNG_COMPRESSION);
                case JPEG -> new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
                case WEBP -> new MatOfInt(Imgcodecs.IMWRITE_WEBP_QUALITY, quality);
                case BMP -> new MatOfInt();
            });
            MatOfByte out = track(mats, new MatOfByte());
            if (!Imgcodecs.imencode("." + format.extension(), bgr.mat(), out, params)) {
                throw new IopaintException("OpenCV could not encode a " + width + "x" + height + " image as "
                        + format);
            }
            return out.toArray();
        } finally {
            mats.forEach(Mat::release);
        }
    }

    private static <M extends Mat> M track(List<Mat> mats, M mat) {
        mats.add(mat);
        return mat;
    }
}
