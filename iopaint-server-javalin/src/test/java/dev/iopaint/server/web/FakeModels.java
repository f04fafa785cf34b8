package dev.iopaint.server.web;

import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;

import java.util.List;
import java.util.Set;

/**
 * Two erase models that fail in the two ways the page must report: {@value #FAILING} loads but fails every
 * inpaint, {@value #BROKEN} cannot be loaded at all. Neither needs files, so both are always listed.
 */
final class FakeModels implements ModelProvider {
    static final String FAILING = "fake-failing";
    static final String BROKEN = "fake-broken";
    static final String INFERENCE_ERROR = "fake-failing ran out of memory; try a smaller image";
    static final String LOAD_ERROR = "fake-broken cannot be loaded: its weights are corrupt; download it again";

    @Override
    public List<ModelSpec> specs() {
        return List.of(spec(FAILING), spec(BROKEN));
    }

    private static ModelSpec spec(String name) {
        return ModelSpec.erase(name, List.of(), PadRules.NONE, Set.of(Device.CPU));
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        if (model.name().equals(BROKEN)) {
            throw new ModelLoadException(LOAD_ERROR);
        }
        return new InpaintModel() {
            @Override
            public ModelInfo info() {
                return model;
            }

            @Override
            public PadRules padRules() {
                return PadRules.NONE;
            }

            @Override
            public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
                throw new InferenceFailedException(INFERENCE_ERROR);
            }

            @Override
            public void close() {
                // holds nothing
            }
        };
    }
}
