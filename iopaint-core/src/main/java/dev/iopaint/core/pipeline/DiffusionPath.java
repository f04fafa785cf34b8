package dev.iopaint.core.pipeline;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.api.spi.InpaintModel;
import org.opencv.core.Core;
import org.opencv.core.CvType;
import org.opencv.core.Mat;
import org.opencv.core.Scalar;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOPaint's {@code DiffusionInpaintModel.__call__}: the cropper, the extender (outpainting) or the whole image,
 * each through a forward pass at {@code sd_scale}. There is no HD strategy here.
 */
final class DiffusionPath {
    private static final Logger LOG = LoggerFactory.getLogger(DiffusionPath.class);

    private DiffusionPath() {
    }

    /** @return {@code CV_8UC3} or {@code CV_64FC3}, larger than the input when outpainting; the caller releases it */
    static Mat run(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        if (request.useCroper()) {
            return cropper(model, image, mask, request);
        }
        if (request.useExtender()) {
            return outpaint(model, image, request);
        }
        return scaledForward(model, image, mask, request);
    }

    /** Inpaints only the cropper rectangle (clamped to the image) and pastes it into the original. */
    private static Mat cropper(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        Box area = clamp(request.croperX(), request.croperY(), request.croperWidth(), request.croperHeight(),
                image, "cropper");
        try (MatScope scope = new MatScope()) {
            Mat cropImage = scope.add(ImageOps.crop(image, area));
            Mat cropMask = scope.add(ImageOps.crop(mask, area));
            Mat inpainted = scope.add(scaledForward(model, cropImage, cropMask, request));
            Mat canvas = scope.add(image.clone());
            ImageOps.paste(canvas, inpainted, area.left(), area.top());
            return scope.keep(canvas);
        }
    }

    /**
     * IOPaint's {@code _do_outpainting}: the part of the image inside the extender rectangle is grown to the
     * rectangle by repeating its edge pixels, with a mask of 255 on the new border only (the caller's mask is not
     * used); the result is pasted into the image grown by the same border in black, so the output covers the
     * image and the rectangle.
     */
    private static Mat outpaint(InpaintModel model, Mat image, InpaintRequest request) {
        int x = request.extenderX();
        int y = request.extenderY();
        Box inside = clamp(x, y, request.extenderWidth(), request.extenderHeight(), image, "extender");
        int padLeft = Math.max(0, -x);
        int padTop = Math.max(0, -y);
        int padRight = Math.max(0, x + request.extenderWidth() - image.cols());
        int padBottom = Math.max(0, y + request.extenderHeight() - image.rows());
        LOG.debug("Outpainting {} by left {} top {} right {} bottom {}", inside, padLeft, padTop, padRight,
                padBottom);
        try (MatScope scope = new MatScope()) {
            Mat cropped = scope.add(ImageOps.crop(image, inside));
            Mat grown = scope.add(new Mat());
            Core.copyMakeBorder(cropped, grown, padTop, padBottom, padLeft, padRight, Core.BORDER_REPLICATE);
            Mat keep = scope.add(new Mat(cropped.rows(), cropped.cols(), CvType.CV_8UC1, new Scalar(0)));
            Mat grownMask = scope.add(new Mat());
            Core.copyMakeBorder(keep, grownMask, padTop, padBottom, padLeft, padRight, Core.BORDER_CONSTANT,
                    new Scalar(255));

            Mat inpainted = scope.add(scaledForward(model, grown, grownMask, request));

            Mat canvas = scope.add(new Mat());
            Core.copyMakeBorder(image, canvas, padTop, padBottom, padLeft, padRight, Core.BORDER_CONSTANT,
                    new Scalar(0, 0, 0));
            ImageOps.paste(canvas, inpainted, Math.max(x, 0), Math.max(y, 0));
            return scope.keep(canvas);
        }
    }

    /**
     * IOPaint's {@code _scaled_pad_forward}: shrink so the longer side is {@code int(sd_scale * longer side)},
     * run the forward pass, and resize the result back bicubically. Nothing restores the unmasked pixels
     * afterwards, so with {@code sd_scale < 1} they come back resampled, as in IOPaint.
     */
    private static Mat scaledForward(InpaintModel model, Mat image, Mat mask, InpaintRequest request) {
        int longer = (int) (request.sdScale() * Math.max(image.cols(), image.rows()));
        try (MatScope scope = new MatScope()) {
            Mat smallImage = scope.add(ImageOps.resizeMaxSize(image, longer));
            Mat smallMask = scope.add(ImageOps.resizeMaxSize(mask, longer));
            Mat inpainted = scope.add(ForwardPass.run(model, smallImage, smallMask, request, true));
            return ImageOps.resizeCubic(inpainted, image.cols(), image.rows());
        }
    }

    /** The part of rectangle (x, y, width, height) inside the image; refused when that is empty. */
    private static Box clamp(int x, int y, int width, int height, Mat image, String what) {
        int left = Math.max(x, 0);
        int top = Math.max(y, 0);
        int right = Math.min(x + width, image.cols());
        int bottom = Math.min(y + height, image.rows());
        if (left >= right || top >= bottom) {
            throw new UnsupportedInputException("The " + what + " rectangle at (" + x + ", " + y + ") of " + width
                    + "x" + height + " does not overlap the " + image.cols() + "x" + image.rows()
                    + " image; move it so that it covers part of the image");
        }
        return new Box(left, top, right, bottom);
    }
}
