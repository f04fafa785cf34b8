package dev.iopaint.models.erase.migan;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.models.erase.torch.Tensors;
import dev.iopaint.models.erase.torch.TorchScript;

import java.nio.file.Path;

/**
 * IOPaint's {@code migan_traced.pt}: one {@code [1, 4, H, W]} input, {@code cat([0.5 - hole, image * (1 - hole)])}
 * with the image in [-1, 1], and an image in [-1, 1] out, which is mapped to 0..255 and rounded.
 */
final class TorchScriptMigan implements MiganNetwork {
    static final String DESCRIPTION =
            "MI-GAN's TorchScript model (one [1, 4, H, W] input -> a [1, 3, H, W] image in [-1, 1])";

    private final TorchScript model;

    private TorchScriptMigan(TorchScript model) {
        this.model = model;
    }

    static TorchScriptMigan load(Path file, Device device) {
        return new TorchScriptMigan(TorchScript.load(file, device, DESCRIPTION));
    }

    @Override
    public RgbImage inpaint(RgbImage image, Mask mask) {
        return model.call(call -> {
            NDArray pixels = Tensors.image(call.manager(), image).toType(DataType.FLOAT32, false)
                    .div(255f).mul(2f).sub(1f);
            NDArray hole = Tensors.mask(call.manager(), mask).gt(HOLE_ABOVE).toType(DataType.FLOAT32, false);
            NDArray input = hole.neg().add(0.5f).concat(pixels.mul(hole.neg().add(1f)), 1);
            NDArray output = call.forward(new NDList(input)).head();
            // IOPaint rounds here (half to even, as torch.round) before the clamp and the cast to uint8.
            return Tensors.toImage(output.mul(127.5f).add(127.5f).round(), image.width(), image.height());
        });
    }

    @Override
    public void close() {
        model.close();
    }
}
