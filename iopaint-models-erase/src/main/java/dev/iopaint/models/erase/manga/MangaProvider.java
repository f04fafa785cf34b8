package dev.iopaint.models.erase.manga;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.models.erase.torch.TorchScript;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

/**
 * IOPaint's {@code manga} model: the erika line-art extractor and the manga inpaintor, two TorchScript files,
 * images padded to multiples of 16. It is on IOPaint's {@code MPS_UNSUPPORT_MODELS}, so MPS falls back to the CPU.
 */
@AutoService(ModelProvider.class)
public final class MangaProvider implements ModelProvider {
    public static final String NAME = "manga";

    public static final ModelFile INPAINTOR = new ModelFile(
            "https://github.com/Sanster/models/releases/download/manga/manga_inpaintor.jit",
            "7d8b269c4613b6b3768af714610da86c", "MANGA_INPAINTOR_MODEL");
    public static final ModelFile LINE_MODEL = new ModelFile(
            "https://github.com/Sanster/models/releases/download/manga/erika.jit",
            "0c926d5a4af8450b0d00bc5b9a095644", "MANGA_LINE_MODEL");

    static final String LINE_MODEL_DESCRIPTION = "Manga's line-art model erika.jit, "
            + "forward(gray: float [1, 1, H, W] in 0..255) -> lines [1, 1, H, W]";
    static final String INPAINTOR_DESCRIPTION = "Manga's inpaintor manga_inpaintor.jit, "
            + "forward(gray, lines, mask, noise, ones: float [1, 1, H, W] each) -> gray [1, 1, H, W] in -1..1";

    static final PadRules PAD_RULES = PadRules.modulo(16);

    private static final ModelSpec SPEC = ModelSpec.erase(NAME, List.of(INPAINTOR, LINE_MODEL), PAD_RULES,
            Set.of(Device.CPU, Device.CUDA));

    @Override
    public List<ModelSpec> specs() {
        return List.of(SPEC);
    }

    /**
     * @throws ModelNotFoundException when either file is not on disk
     * @throws dev.iopaint.api.ModelLoadException when either file is not a loadable TorchScript archive
     */
    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        Path lines = existing(store, LINE_MODEL, "line-art model");
        Path inpaintor = existing(store, INPAINTOR, "inpaintor");
        TorchScript lineModel = TorchScript.load(lines, options.device(), LINE_MODEL_DESCRIPTION);
        try {
            return new MangaModel(model, lineModel,
                    TorchScript.load(inpaintor, options.device(), INPAINTOR_DESCRIPTION));
        } catch (RuntimeException e) {
            lineModel.close();
            throw e;
        }
    }

    private static Path existing(ModelStore store, ModelFile file, String role) {
        Path path = store.pathOf(file);
        if (!Files.isRegularFile(path)) {
            throw new ModelNotFoundException("Manga's " + role + " " + file.fileName() + " is missing (looked at "
                    + path + "); run `iopaint download --model manga`, or set " + file.urlVariable()
                    + " to a local copy");
        }
        return path;
    }
}
