package dev.iopaint.core.pipeline;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import java.util.Objects;
import org.opencv.core.Mat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything IOPaint does around a model's forward pass, pixel for pixel: the HD strategy (Crop, Resize,
 * Original) or the model's own call path for erase models, the cropper, extender and {@code sd_scale} for
 * diffusion models, mirror padding, the keep-unmasked blend and histogram matching. IOPaint works in BGR after
 * the model; this pipeline stays in RGB throughout, which changes nothing as every step treats the channels alike.
 *
 * <p>Stateless and thread-safe; the model decides whether it may be called concurrently.
 */
public final class InpaintPipeline {
    private static final Logger LOG = LoggerFactory.getLogger(InpaintPipeline.class);

    public InpaintPipeline() {
        OpenCv.load();
    }

    /**
     * Inpaints {@code image} where {@code mask} is set.
     *
     * @param model   the loaded model; its type chooses the erase or the diffusion path
     * @param image   the RGB image
     * @param mask    the image's size, already binarised to 0/255
     * @param request the call's settings
     * @return the RGB result: the image's size, or larger when a diffusion model outpaints with the extender;
     *     the input itself when the mask is empty (the model is not called)
     * @throws UnsupportedInputException when the sizes differ or the cropper/extender misses the image
     * @throws dev.iopaint.api.InferenceFailedException when the model fails or returns a wrong size
     */
    public RgbImage run(InpaintModel model, RgbImage image, Mask mask, InpaintRequest request) {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(mask, "mask");
        Objects.requireNonNull(request, "request");
        if (!image.sameSizeAs(mask)) {
            throw new UnsupportedInputException("The image is " + image.width() + "x" + image.height()
                    + " but the mask is " + mask.width() + "x" + mask.height()
                    + "; send a mask of exactly the image's size");
        }
        boolean diffusion = model.info().modelType().isDiffusion();
        // Outpainting builds its own mask, so only there does an empty mask still mean work.
        boolean outpainting = diffusion && request.useExtender();
        if (!outpainting && mask.isEmpty()) {
            LOG.debug("Empty mask: returning the {}x{} image unchanged", image.width(), image.height());
            return image;
        }
        if (!diffusion) {
            return switch (model.callPath()) {
                case HD_STRATEGY -> ErasePath.run(model, image, mask, request);
                case EACH_BOX_AT_MODEL_SIZE -> EachBoxPath.run(model, image, mask, request);
            };
        }
        try (MatScope scope = new MatScope()) {
            Mat imageMat = scope.add(Mats.of(image));
            Mat maskMat = scope.add(Mats.of(mask));
            return ImageOps.toImage(scope.add(DiffusionPath.run(model, imageMat, maskMat, request)));
        }
    }
}
