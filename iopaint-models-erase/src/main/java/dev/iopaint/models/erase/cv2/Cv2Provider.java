package dev.iopaint.models.erase.cv2;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;

import java.util.List;
import java.util.Set;

/** OpenCV's inpainting as the {@code cv2} model: no weights, no download, so it always works. */
@AutoService(ModelProvider.class)
public final class Cv2Provider implements ModelProvider {
    public static final String NAME = "cv2";

    private static final ModelSpec SPEC = ModelSpec.erase(NAME, List.of(), PadRules.NONE, Set.of(Device.CPU));

    @Override
    public List<ModelSpec> specs() {
        return List.of(SPEC);
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        return new Cv2Model(model);
    }
}
