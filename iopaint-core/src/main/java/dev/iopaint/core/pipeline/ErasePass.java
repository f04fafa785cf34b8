package dev.iopaint.core.pipeline;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.opencv.core.Mat;

/**
 * {@link ForwardPass} for an erase model whose result is cast to 8 bits right away (the Original strategy, a
 * Crop window, an each-box image of the model's size), on the Java arrays the model takes and returns: the
 * same bytes as {@code toUint8(ForwardPass.run(...))} without sending the image to native memory and back
 * around the model. Native Mats are used only to pad, and for a blend with a grey mask, which erase models do
 * not get from {@link dev.iopaint.core.Iopaint}.
 */
final class ErasePass {
    private static final byte SET = (byte) 255;

    private ErasePass() {
    }

    static RgbImage run(InpaintModel model, RgbImage image, Mask mask, InpaintRequest request) {
        return finish(ForwardPass.forward(model, padded(image, model), padded(mask, model), request), image, mask,
                request);
    }

    /** {@link #run} on independent windows of one image, handed to the model together. */
    static List<RgbImage> runEach(InpaintModel model, List<RgbImage> images, List<Mask> masks,
                                  InpaintRequest request) {
        List<RgbImage> paddedImages = new ArrayList<>(images.size());
        List<Mask> paddedMasks = new ArrayList<>(masks.size());
        for (int i = 0; i < images.size(); i++) {
            paddedImages.add(padded(images.get(i), model));
            paddedMasks.add(padded(masks.get(i), model));
        }
        List<RgbImage> outputs = paddedImages.isEmpty() ? List.of()
                : ForwardPass.forwardEach(model, paddedImages, paddedMasks, request);
        List<RgbImage> results = new ArrayList<>(images.size());
        for (int i = 0; i < images.size(); i++) {
            results.add(finish(outputs.get(i), images.get(i), masks.get(i), request));
        }
        return results;
    }

    /** The model's output cropped back to the image's size, with the unmasked area kept if asked. */
    private static RgbImage finish(RgbImage output, RgbImage image, Mask mask, InpaintRequest request) {
        boolean padded = output.width() != image.width() || output.height() != image.height();
        RgbImage result = padded ? Windows.crop(output, new Box(0, 0, image.width(), image.height())) : output;
        return request.sdKeepUnmaskedArea() ? keepUnmasked(result, image, mask) : result;
    }

    /**
     * IOPaint's blend {@code result * m/255 + original * (1 - m/255)}. With a mask of only 0 and 255 each pixel
     * is exactly one side ({@code r * 1 + o * 0 == r} in floats too), so the masked runs of the result are copied
     * over the original, or the result is returned as it is when it already holds the original everywhere
     * outside the mask (cv2 changes only masked pixels). Any other mask takes {@link ImageOps#keepUnmasked}'s
     * float blend.
     */
    static RgbImage keepUnmasked(RgbImage result, RgbImage original, Mask mask) {
        byte[] values = mask.values();
        if (!isBinary(values)) {
            return floatBlend(result, original, mask);
        }
        if (keepsUnmasked(result, original, values)) {
            return result;
        }
        byte[] pixels = original.pixels().clone();
        for (int i = 0; i < values.length; ) {
            if (values[i] == 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < values.length && values[i] == SET) {
                i++;
            }
            System.arraycopy(result.pixels(), start * 3, pixels, start * 3, (i - start) * 3);
        }
        return new RgbImage(original.width(), original.height(), pixels);
    }

    /** True when the result equals the original on every unmasked run; stops at the first difference. */
    private static boolean keepsUnmasked(RgbImage result, RgbImage original, byte[] values) {
        for (int i = 0; i < values.length; ) {
            if (values[i] != 0) {
                i++;
                continue;
            }
            int start = i;
            while (i < values.length && values[i] == 0) {
                i++;
            }
            if (!Arrays.equals(result.pixels(), start * 3, i * 3, original.pixels(), start * 3, i * 3)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBinary(byte[] values) {
        for (byte value : values) {
            if (value != 0 && value != SET) {
                return false;
            }
        }
        return true;
    }

    private static RgbImage floatBlend(RgbImage result, RgbImage original, Mask mask) {
        try (MatScope scope = new MatScope()) {
            Mat blended = scope.add(ImageOps.keepUnmasked(scope.add(Mats.of(result)), scope.add(Mats.of(original)),
                    scope.add(Mats.of(mask))));
            return ImageOps.toImage(blended);
        }
    }

    private static RgbImage padded(RgbImage image, InpaintModel model) {
        if (!needsPadding(image.width(), image.height(), model)) {
            return image;
        }
        try (MatScope scope = new MatScope()) {
            return Mats.toImage(scope.add(Padding.pad(scope.add(Mats.of(image)), model.padRules())));
        }
    }

    private static Mask padded(Mask mask, InpaintModel model) {
        if (!needsPadding(mask.width(), mask.height(), model)) {
            return mask;
        }
        try (MatScope scope = new MatScope()) {
            return Mats.toMask(scope.add(Padding.pad(scope.add(Mats.of(mask)), model.padRules())));
        }
    }

    private static boolean needsPadding(int width, int height, InpaintModel model) {
        Padding.PaddedSize size = Padding.paddedSize(width, height, model.padRules());
        return size.width() != width || size.height() != height;
    }
}
