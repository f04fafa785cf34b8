package dev.iopaint.core.pipeline;

import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
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

    static RgbImage run(InpaintModel model, RgbImage image, Mask mask, InpaintRequest request) {
        // IOPaint compares max(image.shape), which counts the 3 channels too.
        int longest = Math.max(Math.max(image.width(), image.height()), 3);
        if (request.hdStrategy() == HdStrategy.CROP && longest > request.hdStrategyCropTriggerSize()) {
            return crop(model, image, mask, request);
        }
        if (request.hdStrategy() == HdStrategy.RESIZE && longest > request.hdStrategyResizeLimit()) {
            try (MatScope scope = new MatScope()) {
                return ImageOps.toImage(scope.add(resize(model, scope.add(Mats.of(image)), scope.add(Mats.of(mask)),
                        request)));
            }
        }
        return ErasePass.run(model, image, mask, request);
    }

    /**
     * Inpaints a window around each masked region, all of them from the original first (handed to the model
     * together, so it may run them concurrently), then pastes them in order (later wins). Pasting into IOPaint's
     * uint8 image truncates a float blend, so each window is cast to 8 bits right away.
     */
    private static RgbImage crop(InpaintModel model, RgbImage image, Mask mask, InpaintRequest request) {
        List<Box> boxes = CropBoxes.fromMask(mask);
        LOG.debug("Crop strategy: {} region(s) in a {}x{} image", boxes.size(), image.width(), image.height());
        List<Box> windows = new ArrayList<>(boxes.size());
        List<RgbImage> windowImages = new ArrayList<>(boxes.size());
        List<Mask> windowMasks = new ArrayList<>(boxes.size());
        for (Box box : boxes) {
            Box window = CropBoxes.window(box, image.width(), image.height(), request.hdStrategyCropMargin());
            if (window.isEmpty()) {
                LOG.debug("Skipping {}: its crop window {} holds no pixel", box, window);
                continue;
            }
            windows.add(window);
            windowImages.add(Windows.crop(image, window));
            windowMasks.add(Windows.crop(mask, window));
        }
        return Windows.paste(image, ErasePass.runEach(model, windowImages, windowMasks, request), windows);
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
