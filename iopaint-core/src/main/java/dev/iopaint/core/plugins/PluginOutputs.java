package dev.iopaint.core.plugins;

import dev.iopaint.api.Mask;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

/**
 * What IOPaint's server does to a plugin's output before answering: the mask of {@code run_plugin_gen_mask} is
 * grown for the web client, and the input's alpha is fitted to an image of another size.
 */
public final class PluginOutputs {
    /** IOPaint's {@code gen_frontend_mask} dilates with an all-ones square of this side. */
    public static final int MASK_DILATION = 9;

    static {
        OpenCv.load();
    }

    private PluginOutputs() {
    }

    /**
     * The mask dilated once with a {@value #MASK_DILATION}x{@value #MASK_DILATION} all-ones kernel centred on each
     * pixel (cv2.dilate's defaults: the border never adds anything), as IOPaint's {@code gen_frontend_mask} does
     * before colouring it: a single selected pixel becomes a 9x9 square.
     */
    public static Mask dilateForClient(Mask mask) {
        Mat source = Mats.of(mask);
        Mat kernel = Mat.ones(MASK_DILATION, MASK_DILATION, CvType.CV_8UC1);
        Mat dilated = new Mat();
        try {
            Imgproc.dilate(source, dilated, kernel);
            return Mats.toMask(dilated);
        } finally {
            source.release();
            kernel.release();
            dilated.release();
        }
    }

    /**
     * The input's alpha for a plugin image of {@code width x height}: unchanged when the sizes match, else resized
     * bilinearly (IOPaint's {@code concat_alpha_channel}, cv2.resize's default), as after RealESRGAN's upscaling.
     */
    public static Mask fitAlpha(Mask alpha, int width, int height) {
        if (alpha.width() == width && alpha.height() == height) {
            return alpha;
        }
        Mat source = Mats.of(alpha);
        Mat resized = new Mat();
        try {
            Imgproc.resize(source, resized, new Size(width, height), 0, 0, Imgproc.INTER_LINEAR);
            return Mats.toMask(resized);
        } finally {
            source.release();
            resized.release();
        }
    }
}
