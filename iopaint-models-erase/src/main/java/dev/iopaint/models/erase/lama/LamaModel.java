package dev.iopaint.models.erase.lama;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.models.erase.torch.TorchScript;
import dev.iopaint.models.erase.torch.Tensors;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;

/**
 * A LaMa TorchScript module fed as IOPaint feeds it: the image as float32 0..1 RGB, the mask as int64 0/1 where it
 * is above zero (so the grey edges of a resized mask count as holes); the output times 255, clipped and truncated.
 * Both go in with channels-last strides, so the network runs channels-last (the same values, computed with fewer
 * reorders). The Crop strategy's windows run side by side unless memory is to be saved ({@link #forwardEach}).
 */
final class LamaModel implements InpaintModel {
    static final String SIGNATURE =
            "forward(image [1,3,H,W] float32 0..1, mask [1,1,H,W] int64 0/1) -> [1,3,H,W] float 0..1";

    private final ModelInfo info;
    private final TorchScript script;
    private final String description;
    private final boolean sideBySide;
    private final AtomicBoolean closed = new AtomicBoolean();

    private LamaModel(ModelInfo info, TorchScript script, String description, boolean sideBySide) {
        this.info = info;
        this.script = script;
        this.description = description;
        this.sideBySide = sideBySide;
    }

    /**
     * @param sideBySide whether {@link #forwardEach} may run windows concurrently (more speed, more peak memory)
     */
    static LamaModel load(ModelInfo info, Path file, Device device, boolean sideBySide) {
        String description = info.name() + "'s " + file.getFileName() + ", a TorchScript module with " + SIGNATURE;
        return new LamaModel(info, TorchScript.load(file, device, description), description, sideBySide);
    }

    @Override
    public ModelInfo info() {
        return info;
    }

    @Override
    public PadRules padRules() {
        return PadRules.modulo(8);
    }

    @Override
    public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
        return script.call(call -> inpaint(call, image, mask));
    }

    /**
     * The windows side by side, sharing the intra-op threads ({@link TorchScript#callEach}), when loaded so;
     * one after the other otherwise.
     */
    @Override
    public List<RgbImage> forwardEach(List<RgbImage> images, List<Mask> masks, InpaintRequest request) {
        if (!sideBySide || images.size() != masks.size()) {
            return InpaintModel.super.forwardEach(images, masks, request);
        }
        List<Integer> indices = IntStream.range(0, images.size()).boxed().toList();
        return script.callEach(indices, (call, i) -> inpaint(call, images.get(i), masks.get(i)));
    }

    private RgbImage inpaint(TorchScript.Call call, RgbImage image, Mask mask) {
        NDManager manager = call.manager();
        NDArray pixels = Tensors.imageChannelsLast(manager, image).toType(DataType.FLOAT32, false).div(255f);
        NDArray holes = Tensors.maskChannelsLast(manager, mask).gt(0).toType(DataType.INT64, false);
        NDArray output = call.forward(new NDList(pixels, holes)).head();
        try {
            return Tensors.toImage(output.toType(DataType.FLOAT32, false).mul(255f), image.width(), image.height());
        } catch (InferenceFailedException e) {
            throw new InferenceFailedException(e.getMessage() + "; the file should be " + description, e);
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            script.close();
        }
    }
}
