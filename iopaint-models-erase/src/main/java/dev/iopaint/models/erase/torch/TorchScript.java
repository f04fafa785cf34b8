package dev.iopaint.models.erase.torch;

import ai.djl.MalformedModelException;
import ai.djl.engine.Engine;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.function.Function;
import java.util.zip.ZipFile;

/**
 * One TorchScript file ({@code torch.jit.save}) loaded on DJL's PyTorch engine, as IOPaint's
 * {@code torch.jit.load(path, map_location=device)}. Each call gets its own native memory scope, freed when the call
 * returns, so nothing grows from request to request. Calls may run concurrently.
 */
public final class TorchScript implements AutoCloseable {
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(TorchScript.class);
    private final ZooModel<NDList, NDList> model;
    private final String description;

    private TorchScript(ZooModel<NDList, NDList> model, String description) {
        this.model = model;
        this.description = description;
    }

    /**
     * Loads the file on the device.
     *
     * @param description what the file should be, for messages, e.g. "LaMa's big-lama.pt (image, mask) -> image"
     * @throws ModelLoadException when the file is missing, is not a TorchScript archive, or libtorch refuses it
     */
    public static TorchScript load(Path file, Device device, String description) {
        if (!Files.isRegularFile(file)) {
            throw new ModelLoadException(file + " is missing; it should hold " + description);
        }
        requireTorchScriptArchive(file, description);
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(djlDevice(device))
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return new TorchScript(criteria.loadModel(), description);
        } catch (IOException | MalformedModelException | ModelNotFoundException | RuntimeException e) {
            throw new ModelLoadException(file + " could not be loaded as " + description + ": " + e.getMessage()
                    + "; if it is damaged, delete it and download it again", e);
        }
    }

    /**
     * Runs {@code work} in a fresh native memory scope: {@code work} builds its inputs with the given manager,
     * calls {@link Call#forward} and copies what it needs out of the outputs before returning.
     */
    public <T> T call(Function<Call, T> work) {
        try (NDManager scope = model.getNDManager().newSubManager()) {
            return work.apply(new Call(scope));
        }
    }

    /** The memory scope of one call, and the forward pass within it. */
    public final class Call {
        private final NDManager manager;

        private Call(NDManager manager) {
            this.manager = manager;
        }

        public NDManager manager() {
            return manager;
        }

        /**
         * The module's {@code forward(*inputs)}, without gradients.
         *
         * @throws InferenceFailedException when libtorch refuses the inputs (wrong count, shape or type)
         */
        public NDList forward(NDList inputs) {
            try {
                NDList outputs = model.getBlock().forward(new ParameterStore(manager, false), inputs, false);
                outputs.attach(manager);
                return outputs;
            } catch (RuntimeException e) {
                throw new InferenceFailedException(description + " failed on inputs "
                        + Arrays.toString(inputs.getShapes()) + ": " + firstLine(e.getMessage()), e);
            }
        }
    }

    @Override
    public void close() {
        model.close();
    }

    /**
     * CUDA when asked and libtorch sees a GPU; the CPU otherwise, with a warning, since DJL's PyTorch engine offers
     * no MPS and a machine without a GPU should still serve.
     */
    public static ai.djl.Device djlDevice(Device device) {
        if (device == Device.CPU) {
            return ai.djl.Device.cpu();
        }
        if (device == Device.CUDA && Engine.getEngine("PyTorch").getGpuCount() > 0) {
            return ai.djl.Device.gpu();
        }
        log.warn("{} was asked for, but libtorch has no such device here; running on the CPU", device.wireName());
        return ai.djl.Device.cpu();
    }

    /** TorchScript archives are zip files with a {@code data.pkl}; anything else would fail deep in libtorch. */
    private static void requireTorchScriptArchive(Path file, String description) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            boolean hasData = zip.stream().anyMatch(entry -> entry.getName().endsWith("/data.pkl"));
            if (!hasData) {
                throw new ModelLoadException(file + " is a zip file but not a TorchScript archive (no data.pkl); "
                        + "expected " + description);
            }
        } catch (IOException e) {
            throw new ModelLoadException(file + " is not a TorchScript archive (" + e.getMessage() + "); expected "
                    + description + ", saved with torch.jit.save; delete it and download it again");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "no message";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
