package dev.iopaint.core.pipeline;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import java.util.List;
import org.opencv.core.Mat;

/**
 * IOPaint's {@code _pad_forward}: pad, run the model, crop back, and (by default) blend the result with the
 * original outside the mask. Diffusion models add IOPaint's pre/post-processing: a blurred mask for the blend
 * (the model still gets the sharp one), optional histogram matching, and a second blur when outpainting.
 */
final class ForwardPass {
    private ForwardPass() {
    }

    /**
     * @return {@code CV_64FC3} when the unmasked area is kept (an unrounded blend), else the model's
     *     {@code CV_8UC3} result; the caller releases it
     */
    static Mat run(InpaintModel model, Mat image, Mat mask, InpaintRequest request, boolean diffusion) {
        try (MatScope scope = new MatScope()) {
            Padding.PaddedSize size = Padding.paddedSize(image.cols(), image.rows(), model.padRules());
            // Models without pad rules (cv2) take the image as it is: no copy to pad by nothing and crop back.
            boolean padded = size.width() != image.cols() || size.height() != image.rows();
            Mat paddedImage = padded ? scope.add(Padding.pad(image, model.padRules())) : image;
            Mat paddedMask = padded ? scope.add(Padding.pad(mask, model.padRules())) : mask;
            boolean blur = diffusion && request.sdMaskBlur() != 0;
            Mat blendMask = blur ? scope.add(ImageOps.gaussianBlur(mask, request.sdMaskBlur())) : mask;

            Mat output = scope.add(forward(model, paddedImage, paddedMask, request));
            Mat result = padded ? scope.add(ImageOps.crop(output, new Box(0, 0, image.cols(), image.rows()))) : output;

            if (diffusion && request.sdMatchHistograms()) {
                result = scope.add(HistogramMatcher.match(result, image, blendMask));
            }
            if (blur && request.useExtender()) {
                blendMask = scope.add(ImageOps.gaussianBlur(blendMask, request.sdMaskBlur()));
            }
            if (!request.sdKeepUnmaskedArea()) {
                return scope.keep(result);
            }
            return ImageOps.keepUnmasked(result, image, blendMask);
        }
    }

    private static Mat forward(InpaintModel model, Mat paddedImage, Mat paddedMask, InpaintRequest request) {
        return Mats.of(forward(model, Mats.toImage(paddedImage), Mats.toMask(paddedMask), request));
    }

    /** The model's forward pass, its failures reported as {@link InferenceFailedException} and its size checked. */
    static RgbImage forward(InpaintModel model, RgbImage input, Mask mask, InpaintRequest request) {
        RgbImage output;
        try {
            output = model.forward(input, mask, request);
        } catch (IopaintException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(model, input, e);
        }
        return checked(model, input, output);
    }

    /**
     * {@link #forward} on independent padded windows of one image, handed to the model together
     * ({@link InpaintModel#forwardEach}, which may run them concurrently); one checked result per window.
     */
    static List<RgbImage> forwardEach(InpaintModel model, List<RgbImage> inputs, List<Mask> masks,
                                      InpaintRequest request) {
        List<RgbImage> outputs;
        try {
            outputs = model.forwardEach(inputs, masks, request);
        } catch (IopaintException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(model, inputs.get(0), e);
        }
        if (outputs == null || outputs.size() != inputs.size()) {
            throw new InferenceFailedException("Model '" + model.info().name() + "' returned "
                    + (outputs == null ? "nothing" : outputs.size() + " image(s)") + " for " + inputs.size()
                    + " windows; a model must return one image per window, so this model's implementation is broken");
        }
        for (int i = 0; i < inputs.size(); i++) {
            checked(model, inputs.get(i), outputs.get(i));
        }
        return outputs;
    }

    private static InferenceFailedException failed(InpaintModel model, RgbImage input, RuntimeException e) {
        return new InferenceFailedException("Model '" + model.info().name() + "' failed on a " + input.width() + "x"
                + input.height() + " image: " + e.getMessage() + "; check the model's files and settings", e);
    }

    /** The model's output, once it is known to have its input's size. */
    private static RgbImage checked(InpaintModel model, RgbImage input, RgbImage output) {
        if (output == null || output.width() != input.width() || output.height() != input.height()) {
            throw new InferenceFailedException("Model '" + model.info().name() + "' returned "
                    + (output == null ? "no image" : "a " + output.width() + "x" + output.height() + " image")
                    + " for a " + input.width() + "x" + input.height() + " input; a model must return an image"
                    + " of its input's size, so this model's implementation is broken");
        }
        return output;
    }
}
