package dev.iopaint.core.pipeline;

import dev.iopaint.api.InferenceFailedException;
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

    static RgbImage run(InpaintModel model, RgbImage image, Mask mask, InpaintRequest request) {
        int size = model.padRules().minSize();
        if (size < 1) {
            throw new InferenceFailedException("Model '" + model.info().name() + "' asks for the each-box call path"
                    + " but its pad rules set no minimum size to work at; this model's implementation is broken");
        }
        if (image.width() == size && image.height() == size) {
            return ErasePass.run(model, image, mask, request);
        }
        List<Box> boxes = CropBoxes.fromMask(mask);
        LOG.debug("Each-box path: {} region(s) of a {}x{} image, each at most {}x{}", boxes.size(), image.width(),
                image.height(), size, size);
        List<Box> windows = new ArrayList<>(boxes.size());
        List<RgbImage> patches = new ArrayList<>(boxes.size());
        for (Box box : boxes) {
            Box window = CropBoxes.window(box, image.width(), image.height(), MARGIN);
            patches.add(inpaintWindow(model, Windows.crop(image, window), Windows.crop(mask, window), size, request));
            windows.add(window);
        }
        return Windows.paste(image, patches, windows);
    }

    /** Shrinks the window to the model's size, inpaints, scales back and restores the pixels outside the mask. */
    private static RgbImage inpaintWindow(InpaintModel model, RgbImage window, Mask windowMask, int size,
                                          InpaintRequest request) {
        try (MatScope scope = new MatScope()) {
            Mat cropImage = scope.add(Mats.of(window));
            Mat cropMask = scope.add(Mats.of(windowMask));
            Mat smallImage = scope.add(ImageOps.resizeMaxSize(cropImage, size));
            Mat smallMask = scope.add(ImageOps.resizeMaxSize(cropMask, size));
            Mat inpainted = scope.add(ForwardPass.run(model, smallImage, smallMask, request, false));
            Mat restored = scope.add(ImageOps.resizeCubic(inpainted, window.width(), window.height()));
            ImageOps.restoreUnmasked(restored, cropImage, cropMask);
            // Pasting into IOPaint's uint8 image truncates the float result; do it now to hold 8-bit patches.
            return ImageOps.toImage(restored);
        }
    }
}
