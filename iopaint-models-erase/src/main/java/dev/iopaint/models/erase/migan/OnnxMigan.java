package dev.iopaint.models.erase.migan;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * An ONNX export of MI-GAN's own inference pipeline ({@code scripts/create_onnx_pipeline.py} of
 * Picsart-AI-Research/MI-GAN, e.g. {@code migan_pipeline_v2.onnx}) on DJL's OnnxRuntime engine. Its inputs are
 * {@code image}, uint8 RGB {@code [1, 3, H, W]}, and {@code mask}, uint8 {@code [1, 1, H, W]} with 255 for known
 * pixels and 0 for holes (the opposite of IOPaint's masks); it resizes, inpaints and blends by itself and returns
 * the uint8 RGB {@code [1, 3, H, W]} result.
 */
final class OnnxMigan implements MiganNetwork {
    static final String DESCRIPTION = "an ONNX export of MI-GAN's pipeline (inputs image: uint8 [1, 3, H, W] and "
            + "mask: uint8 [1, 1, H, W], 255 = keep -> a uint8 [1, 3, H, W] image)";
    private static final Set<String> INPUTS = Set.of("image", "mask");

    private final ZooModel<NDList, NDList> model;

    private OnnxMigan(ZooModel<NDList, NDList> model) {
        this.model = model;
    }

    static OnnxMigan load(Path file, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing; it should hold " + DESCRIPTION);
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optDevice(onnxDevice(device))
                .optTranslator(new NoopTranslator())
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
            throw new ModelLoadException(file + " could not be loaded as " + DESCRIPTION + ": " + e.getMessage()
                    + "; if it is damaged, delete it and download it again", e);
        }
        List<String> inputs = model.describeInput().keys();
        if (inputs.size() != INPUTS.size() || !INPUTS.containsAll(inputs)) {
            model.close();
            throw new ModelLoadException(file + " takes the inputs " + inputs + ", not [image, mask]; expected "
                    + DESCRIPTION);
        }
        return new OnnxMigan(model);
    }

    @Override
    public RgbImage inpaint(RgbImage image, Mask mask) {
        int width = image.width();
        int height = image.height();
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray pixels = scope.create(ByteBuffer.wrap(Planes.toChw(image)), new Shape(1, 3, height, width),
                    DataType.UINT8);
            pixels.setName("image");
            NDArray known = scope.create(ByteBuffer.wrap(knownMask(mask)), new Shape(1, 1, height, width),
                    DataType.UINT8);
            known.setName("mask");
            NDList outputs;
            try {
                outputs = model.getBlock().forward(new ParameterStore(scope, false), new NDList(pixels, known), false);
            } catch (RuntimeException e) {
                throw new InferenceFailedException(DESCRIPTION + " failed on a " + width + "x" + height + " image: "
                        + e.getMessage(), e);
            }
            outputs.attach(scope);
            NDArray result = outputs.head();
            if (result.getDataType() != DataType.UINT8 || !result.getShape().equals(new Shape(1, 3, height, width))) {
                throw new InferenceFailedException("The ONNX model returned " + result.getDataType() + " "
                        + result.getShape() + "; expected uint8 (1, 3, " + height + ", " + width + ") from "
                        + DESCRIPTION);
            }
            return Planes.fromChw(result.toByteArray(), width, height);
        }
    }

    /** MI-GAN's pipeline wants 255 where the image is kept; IOPaint's holes are values above 120. */
    private static byte[] knownMask(Mask mask) {
        byte[] values = mask.values();
        byte[] known = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            known[i] = (values[i] & 0xFF) > HOLE_ABOVE ? 0 : (byte) 255;
        }
        return known;
    }

    @Override
    public void close() {
        model.close();
    }

    /** The ONNX Runtime on the classpath is its CPU build; other devices run there too, with a warning. */
    private static ai.djl.Device onnxDevice(Device device) {
        if (device != Device.CPU) {
            org.slf4j.LoggerFactory.getLogger(OnnxMigan.class).warn(
                    "The ONNX export of MI-GAN runs on the CPU here ({} needs ONNX Runtime's GPU build)",
                    device.wireName());
        }
        return ai.djl.Device.cpu();
    }
}
