package dev.iopaint.core.pipeline;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import java.util.ArrayList;
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
            Mat paddedImage = scope.add(Padding.pad(image, model.padRules()));
            Mat paddedMask = scope.add(Padding.pad(mask, model.padRules()));
            boolean blur = diffusion && request.sdMaskBlur() != 0;
            Mat blendMask = blur ? scope.add(ImageOps.gaussianBlur(mask, request.sdMaskBlur())) : mask;

            Mat output = scope.add(forward(model, paddedImage, paddedMask, request));
            Mat result = scope.add(ImageOps.crop(output, new Box(0, 0, image.cols(), image.rows())));

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

    /**
     * {@link #run} for an erase model on independent windows of one image: all are padded and handed to the
     * model together ({@link InpaintModel#forwardEach}, which may run them concurrently), then each is cropped
     * back and blended.
     *
     * @return one Mat per window, as {@link #run} returns it for an erase model; the caller releases them
     */
    static List<Mat> runEach(InpaintModel model, List<Mat> images, List<Mat> masks, InpaintRequest request) {
        try (MatScope scope = new MatScope(); MatScope results = new MatScope()) {
            List<RgbImage> inputs = new ArrayList<>(images.size());
            List<Mask> inputMasks = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                inputs.add(Mats.toImage(scope.add(Padding.pad(images.get(i), model.padRules()))));
                inputMasks.add(Mats.toMask(scope.add(Padding.pad(masks.get(i), model.padRules()))));
            }
            List<RgbImage> outputs = forwardEach(model, inputs, inputMasks, request);
            List<Mat> blended = new ArrayList<>(images.size());
            for (int i = 0; i < images.size(); i++) {
                Mat image = images.get(i);
                Mat output = scope.add(Mats.of(checked(model, inputs.get(i), outputs.get(i))));
                Mat result = ImageOps.crop(output, new Box(0, 0, image.cols(), image.rows()));
                if (request.sdKeepUnmaskedArea()) {
                    scope.add(result);
                    result = ImageOps.keepUnmasked(result, image, masks.get(i));
                }
                blended.add(results.add(result));
            }
            blended.forEach(results::keep);
            return blended;
        }
    }

    private static Mat forward(InpaintModel model, Mat paddedImage, Mat paddedMask, InpaintRequest request) {
        RgbImage input = Mats.toImage(paddedImage);
        RgbImage output;
        try {
            output = model.forward(input, Mats.toMask(paddedMask), request);
        } catch (IopaintException e) {
            throw e;
        } catch (RuntimeException e) {
            throw failed(model, input, e);
        }
        return Mats.of(checked(model, input, output));
    }

    private static List<RgbImage> forwardEach(InpaintModel model, List<RgbImage> inputs, List<Mask> masks,
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
