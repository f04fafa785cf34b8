package dev.iopaint.plugins.onnx;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.training.ParameterStore;
import ai.djl.translate.NoopTranslator;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.ModelLoadException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One ONNX file on DJL's OnnxRuntime engine, checked for the inputs it must take. Runs may overlap: ONNX Runtime
 * sessions are safe to run from several threads, and each run frees its tensors when it returns.
 */
public final class OnnxNetwork implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(OnnxNetwork.class);

    private final ZooModel<NDList, NDList> model;
    private final String description;

    private OnnxNetwork(ZooModel<NDList, NDList> model, String description) {
        this.model = model;
        this.description = description;
    }

    /**
     * @param description what the file should be, for error messages, e.g. {@code "SAM's image encoder (...)"}
     * @throws ModelLoadException when the file is missing, is no ONNX model or takes other inputs
     */
    public static OnnxNetwork load(Path file, Set<String> inputs, String description, Device device) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing; it should hold " + description);
        }
        if (device != Device.CPU) {
            log.warn("{} runs on the CPU here ({} needs ONNX Runtime's GPU build)", file.getFileName(),
                    device.wireName());
        }
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("OnnxRuntime")
                .optDevice(ai.djl.Device.cpu())
                .optTranslator(new NoopTranslator())
                // ONNX Runtime's own default ran on one core of a 2-core VM; libtorch uses one thread per core too.
                .optOption("intraOpNumThreads", String.valueOf(Runtime.getRuntime().availableProcessors()))
                .build();
        ZooModel<NDList, NDList> model;
        try {
            model = criteria.loadModel();
        } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
            throw new ModelLoadException(file + " could not be loaded as " + description + ": " + describe(e)
                    + ". The file is damaged or not an ONNX model: delete it and start again to download it", e);
        }
        List<String> actual = model.describeInput().keys();
        if (!new HashSet<>(actual).equals(inputs)) {
            model.close();
            throw new ModelLoadException(file + " takes the inputs " + actual + ", not " + inputs + "; expected "
                    + description);
        }
        return new OnnxNetwork(model, description);
    }

    /**
     * Runs the network on the named inputs {@code inputs} makes in a scope of their own and reads the outputs
     * with {@code read} before the scope is freed.
     *
     * @throws InferenceFailedException when ONNX Runtime fails
     */
    public <T> T run(Function<NDManager, NDList> inputs, Function<NDList, T> read) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            NDList outputs;
            try {
                outputs = model.getBlock().forward(new ParameterStore(scope, false), inputs.apply(scope), false);
            } catch (RuntimeException e) {
                throw new InferenceFailedException(description + " failed: " + e.getMessage(), e);
            }
            outputs.attach(scope);
            return read.apply(outputs);
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /** The exception's first line and its cause's, which is where ONNX Runtime says what is wrong. */
    private static String describe(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if (cause != null && cause.getMessage() != null && !cause.getMessage().equals(message)) {
            message = message + " (" + cause.getMessage() + ")";
        }
        return message == null ? e.getClass().getSimpleName() : message.lines().findFirst().orElse(message);
    }
}
