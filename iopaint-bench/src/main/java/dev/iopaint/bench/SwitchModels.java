package dev.iopaint.bench;

import ai.djl.MalformedModelException;
import ai.djl.ndarray.NDList;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelNotFoundException;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import dev.iopaint.core.Iopaint;
import dev.iopaint.models.erase.lama.LamaProvider;
import dev.iopaint.models.erase.migan.MiganProvider;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The two TorchScript models a switch goes between, {@code lama} and {@code migan}, in a model directory of their
 * own: stand-ins with parameters of the given sizes ({@link WeightedTorchScript}), or for {@code lama} a real-size
 * file the caller names (e.g. one written by {@code make_lama_arch.py}), used in place through
 * {@code LAMA_MODEL_URL} as a user's own copy would be.
 *
 * @param modelDir the model directory, deleted by {@link #delete}
 * @param lama     the file {@code lama} loads
 * @param migan    the file {@code migan} loads
 */
record SwitchModels(Path modelDir, Path lama, Path migan) {
    static final String LAMA = LamaProvider.LAMA;
    static final String MIGAN = MiganProvider.NAME;

    /**
     * @param lamaFile a TorchScript with LaMa's signature to use instead of the stand-in, or blank for the stand-in
     */
    static SwitchModels write(int lamaMegabytes, int miganMegabytes, String lamaFile) throws IOException {
        Path dir = Files.createTempDirectory("iopaint-switch-bench");
        Path checkpoints = dir.resolve("torch/hub/checkpoints");
        Path lama;
        if (lamaFile == null || lamaFile.isBlank()) {
            lama = WeightedTorchScript.write(checkpoints.resolve(LamaProvider.LAMA_FILE.fileName()), lamaMegabytes,
                    "image: Tensor, mask: Tensor", "return image");
        } else {
            lama = Path.of(lamaFile).toAbsolutePath();
            if (!Files.isRegularFile(lama)) {
                throw new IllegalArgumentException("lamaFile " + lama + " does not exist; give a TorchScript with"
                        + " LaMa's signature, or leave it out to use the stand-in");
            }
        }
        Path migan = WeightedTorchScript.write(checkpoints.resolve(MiganProvider.FILE.fileName()), miganMegabytes,
                "x: Tensor", "return torch.slice(x, 1, 1, 4)");
        return new SwitchModels(dir, lama, migan);
    }

    /** An {@link Iopaint} on the model directory with {@code first} active. */
    Iopaint open(String first) {
        return Iopaint.builder().modelDir(modelDir).offline(true)
                .environment(Map.of(LamaProvider.LAMA_FILE.urlVariable(), lama.toString()))
                .model(first).build();
    }

    /** DJL's own load of a TorchScript file, as {@code TorchScript.load} asks for it. */
    static ZooModel<NDList, NDList> bareLoad(Path file) {
        Criteria<NDList, NDList> criteria = Criteria.builder()
                .setTypes(NDList.class, NDList.class)
                .optModelPath(file)
                .optEngine("PyTorch")
                .optDevice(ai.djl.Device.cpu())
                .optTranslator(new NoopTranslator())
                .build();
        try {
            return criteria.loadModel();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (MalformedModelException | ModelNotFoundException e) {
            throw new IllegalStateException(file + " could not be loaded: " + e.getMessage(), e);
        }
    }

    void delete() throws IOException {
        Folders.deleteTree(modelDir);
    }
}
