package dev.iopaint.models.erase.lama;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * IOPaint's {@code lama} (big LaMa) and {@code anime-lama} (LaMa fine-tuned on anime and manga): the same TorchScript
 * graph with different weights, each one file in {@code torch/hub/checkpoints}.
 */
@AutoService(ModelProvider.class)
public final class LamaProvider implements ModelProvider {
    public static final String LAMA = "lama";
    public static final String ANIME_LAMA = "anime-lama";

    public static final ModelFile LAMA_FILE = new ModelFile(
            "https://github.com/Sanster/models/releases/download/add_big_lama/big-lama.pt",
            "e3aa4aaa15225a33ec84f9f4bc47e500", "LAMA_MODEL");
    public static final ModelFile ANIME_LAMA_FILE = new ModelFile(
            "https://github.com/Sanster/models/releases/download/AnimeMangaInpainting/anime-manga-big-lama.pt",
            "29f284f36a0a510bcacf39ecf4c4d54f", "ANIME_LAMA_MODEL");

    private static final Logger log = LoggerFactory.getLogger(LamaProvider.class);
    // IOPaint lists lama, but not anime-lama, in MPS_UNSUPPORT_MODELS.
    private static final List<ModelSpec> SPECS = List.of(
            ModelSpec.erase(LAMA, List.of(LAMA_FILE), PadRules.modulo(8), Set.of(Device.CPU, Device.CUDA)),
            ModelSpec.erase(ANIME_LAMA, List.of(ANIME_LAMA_FILE), PadRules.modulo(8),
                    Set.of(Device.CPU, Device.CUDA, Device.MPS)));

    @Override
    public List<ModelSpec> specs() {
        return SPECS;
    }

    /**
     * @throws ModelLoadException when the file is missing, is not TorchScript, or libtorch refuses it
     */
    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        ModelSpec spec = SPECS.stream().filter(s -> s.name().equals(model.name())).findFirst()
                .orElseThrow(() -> new ModelNotFoundException("The LaMa provider knows " + LAMA + " and "
                        + ANIME_LAMA + ", not '" + model.name() + "'"));
        ModelFile file = spec.files().get(0);
        Path path = store.pathOf(file);
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(path + " is missing: " + spec.name() + " needs " + file.fileName()
                    + "; run `iopaint download --model " + spec.name() + "`, or set " + file.urlVariable()
                    + " to a local copy");
        }
        log.info("Loading {} from {}", spec.name(), path);
        // Windows side by side hold several passes' activations at once; --low-mem keeps to one.
        return LamaModel.load(model, path, options.device(), !options.lowMem());
    }
}
