package dev.iopaint.models.erase.migan;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * MI-GAN ({@code migan}): IOPaint's TorchScript {@code migan_traced.pt}, or an ONNX export of MI-GAN's own pipeline
 * (e.g. {@code migan_pipeline_v2.onnx}) when {@code MIGAN_MODEL_URL} names a {@code .onnx} file.
 */
@AutoService(ModelProvider.class)
public final class MiganProvider implements ModelProvider {
    public static final String NAME = "migan";
    public static final ModelFile FILE = new ModelFile(
            "https://github.com/Sanster/models/releases/download/migan/migan_traced.pt",
            "76eb3b1a71c400ee3290524f7a11b89c", "MIGAN_MODEL");
    /** IOPaint's {@code min_size = 512, pad_mod = 512, pad_to_square = True}. */
    public static final PadRules PAD_RULES = new PadRules(512, 512, true);

    private static final Logger LOG = LoggerFactory.getLogger(MiganProvider.class);
    // migan is not on IOPaint's MPS_UNSUPPORT_MODELS.
    private static final ModelSpec SPEC = ModelSpec.erase(NAME, List.of(FILE), PAD_RULES,
            Set.of(Device.CPU, Device.CUDA, Device.MPS));

    @Override
    public List<ModelSpec> specs() {
        return List.of(SPEC);
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        Path file = store.pathOf(FILE);
        boolean onnx = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx");
        LOG.info("Loading MI-GAN from {} ({}) on {}", file, onnx ? "ONNX" : "TorchScript", options.device());
        MiganNetwork network = onnx ? OnnxMigan.load(file, options.device())
                : TorchScriptMigan.load(file, options.device());
        return new MiganModel(model, network);
    }
}
