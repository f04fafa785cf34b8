package dev.iopaint.models.erase.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;

import java.nio.ByteBuffer;

/**
 * Conversions between images and tensors, done inside libtorch (one copy in, one copy out) rather than in Java
 * loops: an {@link RgbImage} becomes a {@code [1, 3, H, W]} tensor, a {@link Mask} a {@code [1, 1, H, W]} one.
 */
public final class Tensors {
    private Tensors() {
    }

    /** {@code [1, 3, H, W]} uint8, RGB. */
    public static NDArray image(NDManager manager, RgbImage image) {
        NDArray hwc = manager.create(ByteBuffer.wrap(image.pixels()), new Shape(image.height(), image.width(), 3),
                DataType.UINT8);
        return hwc.transpose(2, 0, 1).expandDims(0);
    }

    /**
     * {@code [1, 3, H, W]} uint8, RGB, with channels-last strides: the pixels stay as they lie in the image. Fed
     * with {@link #maskChannelsLast}, a convolutional network then runs channels-last throughout, which spares
     * libtorch's convolutions a reorder of every activation; the values are the same as {@link #image}'s.
     */
    public static NDArray imageChannelsLast(NDManager manager, RgbImage image) {
        NDArray nhwc = manager.create(ByteBuffer.wrap(image.pixels()),
                new Shape(1, image.height(), image.width(), 3), DataType.UINT8);
        return nhwc.transpose(0, 3, 1, 2);
    }

    /**
     * {@code [1, 1, H, W]} uint8 with channels-last strides, the same values as {@link #mask}: concatenated with
     * a channels-last image along the channels, the result stays channels-last (with {@link #mask}'s strides,
     * libtorch falls back to contiguous).
     */
    public static NDArray maskChannelsLast(NDManager manager, Mask mask) {
        NDArray nhwc = manager.create(ByteBuffer.wrap(mask.values()), new Shape(1, mask.height(), mask.width(), 1),
                DataType.UINT8);
        return nhwc.transpose(0, 3, 1, 2);
    }

    /** {@code [1, 1, H, W]} uint8, the mask's values as they are. */
    public static NDArray mask(NDManager manager, Mask mask) {
        return manager.create(ByteBuffer.wrap(mask.values()), new Shape(1, 1, mask.height(), mask.width()),
                DataType.UINT8);
    }

    /**
     * An RGB image from a {@code [1, 3, H, W]} or {@code [3, H, W]} tensor already in 0..255: clipped, then
     * truncated toward zero as numpy's {@code astype(uint8)} does.
     *
     * @throws InferenceFailedException when the tensor is not of that shape
     */
    public static RgbImage toImage(NDArray output, int width, int height) {
        NDArray chw = output.getShape().dimension() == 4 ? output.get(0) : output;
        Shape shape = chw.getShape();
        if (shape.dimension() != 3 || shape.get(0) != 3 || shape.get(1) != height || shape.get(2) != width) {
            throw new InferenceFailedException("The model returned a tensor of shape " + output.getShape()
                    + "; expected [1, 3, " + height + ", " + width + "]");
        }
        NDArray pixels = chw.toType(DataType.FLOAT32, false).clip(0, 255).toType(DataType.UINT8, false)
                .transpose(1, 2, 0);
        return new RgbImage(width, height, pixels.toByteArray());
    }
}
