package dev.iopaint.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;

/**
 * The baselines' ONNX Runtime: plain {@code OrtSession}s in the environment DJL's OnnxRuntime engine made (ONNX
 * Runtime allows one per process, so the plugins load first), with the session options DJL uses: ONNX Runtime's
 * defaults (all graph optimisations, sequential execution, per-session threads) plus one intra-op thread per
 * core, as the plugins' {@code OnnxNetwork} sets.
 */
final class BareOrt implements AutoCloseable {
    private final OrtEnvironment env = OrtEnvironment.getEnvironment();
    private final OrtSession.SessionOptions options;

    BareOrt() throws OrtException {
        options = new OrtSession.SessionOptions();
        options.setIntraOpNumThreads(Runtime.getRuntime().availableProcessors());
    }

    OrtSession session(Path file) throws OrtException {
        return env.createSession(file.toString(), options);
    }

    /** A float tensor over {@code values} (a direct buffer is used as is, a heap one copied). */
    OnnxTensor tensor(FloatBuffer values, long... shape) {
        try {
            return OnnxTensor.createTensor(env, values, shape);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime could not make a tensor: " + e.getMessage(), e);
        }
    }

    /** A direct, zeroed float buffer of {@code size} values, as ONNX Runtime takes without copying. */
    static FloatBuffer direct(int size) {
        return ByteBuffer.allocateDirect(size * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
    }

    /** A copy of a float tensor's values. */
    static float[] values(OnnxTensor tensor) {
        FloatBuffer buffer = tensor.getFloatBuffer();
        float[] values = new float[buffer.remaining()];
        buffer.get(values);
        return values;
    }

    @Override
    public void close() {
        options.close();
    }
}
