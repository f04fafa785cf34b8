package dev.iopaint.core.pipeline;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.spi.InpaintModel;
import java.util.ArrayList;
import java.util.List;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link dev.iopaint.api.CallPath#EACH_BOX_AT_MODEL_SIZE}, IOPaint's MI-GAN {@code __call__}: the HD strategy is
 * ignored; each masked region is inpainted at the model's size and pasted back.
 */
final class EachBoxPath {
    private static final Logger LOG = LoggerFactory.getLogger(EachBoxPath.class);
    /** IOPaint overwrites the request's crop margin with this on this path. */
    static final int MARGIN = 128;

    private EachBoxPath() {
    }

    /** @return {@code CV_8UC3}, or {@code CV_64FC3} when a model-sized image is inpainted whole; the caller releases it */
    static Mat run(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        int size = model.padRules().minSize();
        if (size < 1) {
            throw new InferenceFailedException("Model '" + model.info().name() + "' asks for the each-box call path"
                    + " but its pad rules set no minimum size to work at; this model's implementation is broken");
        }
        if (image.cols() == size && image.rows() == size) {
            return ForwardPass.run(model, image, mask, request, false);
        }
        List<Box> boxes = CropBoxes.fromMask(mask);
        LOG.debug("Each-box path: {} region(s) of a {}x{} image, each at most {}x{}", boxes.size(), image.cols(),
                image.rows(), size, size);
        try (MatScope results = new MatScope()) {
            List<Box> windows = new ArrayList<>(boxes.size());
            List<Mat> patches = new ArrayList<>(boxes.size());
            for (Box box : boxes) {
                Box window = CropBoxes.window(box, image.cols(), image.rows(), MARGIN);
                patches.add(results.add(inpaintWindow(model, image, mask, window, size, request)));
                windows.add(window);
            }
            Mat canvas = results.add(image.clone());
            for (int i = 0; i < patches.size(); i++) {
                ImageOps.paste(canvas, patches.get(i), windows.get(i).left(), windows.get(i).top());
            }
            return results.keep(canvas);
        }
    }

    /** Shrinks the window to the model's size, inpaints, scales back and restores the pixels outside the mask. */
    private static Mat inpaintWindow(InpaintModel model, Mat image, Mat mask, Box window, int size,
                                     InpaintRequest request) {
        try (MatScope scope = new MatScope()) {
            Mat cropImage = scope.add(ImageOps.crop(image, window));
            Mat cropMask = scope.add(ImageOps.crop(mask, window));
            Mat smallImage = scope.add(ImageOps.resizeMaxSize(cropImage, size));
            Mat smallMask = scope.add(ImageOps.resizeMaxSize(cropMask, size));
            Mat inpainted = scope.add(ForwardPass.run(model, smallImage, smallMask, request, false));
            Mat restored = scope.add(ImageOps.resizeCubic(inpainted, window.width(), window.height()));
            ImageOps.restoreUnmasked(restored, cropImage, cropMask);
            // Pasting into IOPaint's uint8 image truncates the float result; do it now to hold 8-bit patches.
            return ImageOps.toUint8(restored);
        }
    }
}
