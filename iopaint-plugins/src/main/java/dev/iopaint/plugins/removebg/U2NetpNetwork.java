package dev.iopaint.plugins.removebg;

import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * rembg's {@code u2netp.onnx} in an ONNX Runtime session on DJL, on the CPU. ONNX Runtime sessions take concurrent
 * runs, and each run gets its own native memory scope, freed when it returns.
 */
final class U2NetpNetwork implements AutoCloseable {
    private static final String WHAT = "U^2-Netp (rembg's u2netp.onnx: input [1,3,320,320] -> saliency maps)";

    private final Model model;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** The first output's first channel: the saliency map rembg uses, row-major. */
    record Prediction(float[] values, int width, int height) {
    }

    private U2NetpNetwork(Model model) {
        this.model = model;
    }

    /**
     * Opens an ONNX Runtime session on the file and runs it once on a blank input, which checks that the file
     * really is U^2-Netp (DJL does not report input shapes) and warms the session up for the first request.
     *
     * @param file where to get the file again, for the messages
     * @throws ModelLoadException when the file is not an ONNX model, or not one that takes U^2-Netp's input
     */
    static U2NetpNetwork load(Path path, ModelFile file) {
        Model model;
        try {
            model = Model.newInstance("u2netp", ai.djl.Device.cpu(), "OnnxRuntime");
        } catch (RuntimeException e) {
            throw new ModelLoadException("DJL's OnnxRuntime engine is not available (" + e.getMessage() + "); put"
                    + " ai.djl.onnxruntime:onnxruntime-engine and its com.microsoft.onnxruntime:onnxruntime on the"
                    + " classpath", e);
        }
        try {
            model.load(path);
        } catch (IOException | MalformedModelException | RuntimeException e) {
            model.close();
            throw new ModelLoadException(path + " could not be loaded as " + WHAT + ": " + describe(e)
                    + ". The file is damaged or not an ONNX model: delete it and start again to download it from "
                    + file.url() + ", or set " + file.urlVariable() + " to a good copy (MD5 " + file.md5() + ")", e);
        }
        U2NetpNetwork network = new U2NetpNetwork(model);
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
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDArray image = scope.create(input, new Shape(1, 3, U2NetpInput.SIDE, U2NetpInput.SIDE), DataType.FLOAT32);
            NDList outputs = model.getBlock().forward(new ParameterStore(scope, false), new NDList(image), false);
            outputs.attach(scope);
            Shape shape = outputs.get(0).getShape();
            if (shape.dimension() != 4 || shape.get(0) < 1 || shape.get(1) < 1) {
                throw new InferenceFailedException("RemoveBG's u2netp answered a first output of shape " + shape
                        + ", not [1,C,H,W]");
            }
            int height = Math.toIntExact(shape.get(2));
            int width = Math.toIntExact(shape.get(3));
            // Batch 0, channel 0 are the first height*width values of the NCHW buffer.
            float[] values = new float[width * height];
            outputs.get(0).toByteBuffer().order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
            return new Prediction(values, width, height);
        } catch (InferenceFailedException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new InferenceFailedException("RemoveBG's u2netp failed on its [1,3,320,320] input: " + describe(e),
                    e);
        }
    }

    /** Closes the ONNX Runtime session; idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            model.close();
        }
    }

    private static FloatBuffer blankInput() {
        int values = 3 * U2NetpInput.SIDE * U2NetpInput.SIDE;
        return ByteBuffer.allocateDirect(values * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
