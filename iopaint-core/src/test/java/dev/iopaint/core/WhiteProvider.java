package dev.iopaint.core;

import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;

import java.util.List;
import java.util.Set;

/** The model "white": paints every masked pixel white, so results are a known function of the input. */
public final class WhiteProvider implements ModelProvider {
    @Override
    public List<ModelSpec> specs() {
        return List.of(ModelSpec.erase("white", List.of(), PadRules.modulo(8), Set.of(Device.CPU)));
    }

    @Override
    public InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store) {
        return new InpaintModel() {
            @Override
            public ModelInfo info() {
                return model;
            }

            @Override
            public PadRules padRules() {
                return PadRules.modulo(8);
            }

            @Override
            public RgbImage forward(RgbImage image, Mask mask, InpaintRequest request) {
                byte[] pixels = image.pixels().clone();
                for (int i = 0; i < mask.values().length; i++) {
                    if (mask.values()[i] != 0) {
                        pixels[3 * i] = pixels[3 * i + 1] = pixels[3 * i + 2] = (byte) 255;
                    }
                }
                return new RgbImage(image.width(), image.height(), pixels);
            }

            @Override
            public void close() {
            }
        };
    }
}
