package dev.iopaint.plugins.removebg;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.plugins.onnx.OnnxNetwork;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * rembg's {@code u2netp.onnx} in an ONNX Runtime session, on the CPU. Runs may overlap (see {@link OnnxNetwork}).
 */
final class U2NetpNetwork implements AutoCloseable {
    private static final String WHAT = "U^2-Netp (rembg's u2netp.onnx: input [1,3,320,320] -> saliency maps)";
    private static final String INPUT = "input.1";

    private final OnnxNetwork network;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The first output's first channel: the saliency map rembg uses, row-major. */
    record Prediction(float[] values, int width, int height) {
    }

    private U2NetpNetwork(OnnxNetwork network) {
        this.network = network;
    }

    /**
     * Opens an ONNX Runtime session on the file and runs it once on a blank input, which checks that the file
     * really is U^2-Netp (DJL does not report input shapes) and warms the session up for the first request.
     *
     * @param file where to get the file again, for the messages
     * @throws ModelLoadException when the file is not an ONNX model, or not one that takes U^2-Netp's input
     */
    static U2NetpNetwork load(Path path, ModelFile file) {
        U2NetpNetwork network;
        try {
            network = new U2NetpNetwork(OnnxNetwork.load(path, Set.of(INPUT), WHAT, Device.CPU));
        } catch (ModelLoadException e) {
            throw new ModelLoadException(e.getMessage() + " from " + file.url()
                    + ", or set " + file.urlVariable() + " to a good copy (MD5 " + file.md5() + ")", e);
        }
        try {
            network.predict(blankInput());
        } catch (InferenceFailedException e) {
            network.close();
            throw new ModelLoadException(path + " is an ONNX model but not " + WHAT + ": " + e.getMessage()
                    + ". Delete it and start again to download rembg's from " + file.url() + ", or point "
                    + file.urlVariable() + " at a copy of it", e);
        }
        return network;
    }

    /**
     * Runs the network on a {@link U2NetpInput}.
     *
     * @throws InferenceFailedException when ONNX Runtime fails
     * @throws IllegalStateException    after {@link #close}
     */
    Prediction predict(FloatBuffer input) {
        if (closed.get()) {
            throw new IllegalStateException("RemoveBG's u2netp session is closed");
        }
        return network.run(
                scope -> new NDList(scope.create(input, new Shape(1, 3, U2NetpInput.SIDE, U2NetpInput.SIDE),
                        DataType.FLOAT32)),
                outputs -> {
                    Shape shape = outputs.get(0).getShape();
                    if (shape.dimension() != 4 || shape.get(0) < 1 || shape.get(1) < 1) {
                        throw new InferenceFailedException("RemoveBG's u2netp answered a first output of shape "
                                + shape + ", not [1,C,H,W]");
                    }
                    int height = Math.toIntExact(shape.get(2));
                    int width = Math.toIntExact(shape.get(3));
                    // Batch 0, channel 0 are the first height*width values of the NCHW buffer.
                    float[] values = new float[width * height];
                    outputs.get(0).toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
                    return new Prediction(values, width, height);
                });
    }

    /** Closes the ONNX Runtime session; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            network.close();
        }
    }

    private static FloatBuffer blankInput() {
        int values = 3 * U2NetpInput.SIDE * U2NetpInput.SIDE;
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }
}
