package dev.iopaint.core.pipeline;

import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.spi.InpaintModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** IOPaint's {@code InpaintModel.__call__} for erase models: the HD strategy around {@link ForwardPass}. */
final class ErasePath {
    private static final Logger LOG = LoggerFactory.getLogger(ErasePath.class);

    private ErasePath() {
    }

    /** @return {@code CV_8UC3} or {@code CV_64FC3}; the caller releases it */
    static Mat run(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        // IOPaint compares max(image.shape), which counts the 3 channels too.
        int longest = Math.max(Math.max(image.cols(), image.rows()), 3);
        if (request.hdStrategy() == HdStrategy.CROP && longest > request.hdStrategyCropTriggerSize()) {
            return crop(model, image, mask, request);
        }
        if (request.hdStrategy() == HdStrategy.RESIZE && longest > request.hdStrategyResizeLimit()) {
            return resize(model, image, mask, request);
        }
        return ForwardPass.run(model, image, mask, request, false);
    }

    /**
     * Inpaints a window around each masked region, all of them first (handed to the model together, so it may
     * run them concurrently), then pastes them in order (later wins).
     */
    private static Mat crop(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        List<Box> boxes = CropBoxes.fromMask(mask);
        LOG.debug("Crop strategy: {} region(s) in a {}x{} image", boxes.size(), image.cols(), image.rows());
        try (MatScope scope = new MatScope()) {
            List<Box> windows = new ArrayList<>(boxes.size());
            List<Mat> cropImages = new ArrayList<>(boxes.size());
            List<Mat> cropMasks = new ArrayList<>(boxes.size());
            for (Box box : boxes) {
                Box window = CropBoxes.window(box, image.cols(), image.rows(), request.hdStrategyCropMargin());
                if (window.isEmpty()) {
                    LOG.debug("Skipping {}: its crop window {} holds no pixel", box, window);
                    continue;
                }
                windows.add(window);
                cropImages.add(scope.add(ImageOps.crop(image, window)));
                cropMasks.add(scope.add(ImageOps.crop(mask, window)));
            }
            Mat canvas = scope.add(image.clone());
            if (windows.isEmpty()) {
                return scope.keep(canvas);
            }
            List<Mat> inpainted = ForwardPass.runEach(model, cropImages, cropMasks, request);
            inpainted.forEach(scope::add);
            for (int i = 0; i < windows.size(); i++) {
                // Pasting into IOPaint's uint8 image truncates a float blend.
                Mat patch = scope.add(ImageOps.toUint8(inpainted.get(i)));
                ImageOps.paste(canvas, patch, windows.get(i).left(), windows.get(i).top());
            }
            return scope.keep(canvas);
        }
    }

    /**
     * Shrinks image and mask (bicubic, so the mask gets grey edges) to the resize limit, inpaints, scales the
     * result back bicubically without clipping, and restores every pixel whose original mask value is below 127,
     * whether or not the unmasked area is kept.
     */
    private static Mat resize(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        try (MatScope scope = new MatScope()) {
            Mat smallImage = scope.add(ImageOps.resizeMaxSize(image, request.hdStrategyResizeLimit()));
            Mat smallMask = scope.add(ImageOps.resizeMaxSize(mask, request.hdStrategyResizeLimit()));
            LOG.debug("Resize strategy: {}x{} inpainted at {}x{}", image.cols(), image.rows(), smallImage.cols(),
                    smallImage.rows());
            Mat inpainted = scope.add(ForwardPass.run(model, smallImage, smallMask, request, false));
            Mat restored = scope.add(ImageOps.resizeCubic(inpainted, image.cols(), image.rows()));
            ImageOps.restoreUnmasked(restored, image, mask);
            return scope.keep(restored);
        }
    }
}
