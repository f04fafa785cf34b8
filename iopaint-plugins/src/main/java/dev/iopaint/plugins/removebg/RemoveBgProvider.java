package dev.iopaint.plugins.removebg;

import com.google.auto.service.AutoService;
import dev.iopaint.api.Device;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * IOPaint's {@code RemoveBG} plugin with rembg's U^2-Netp: the salient object's matte as a mask, and the image cut
 * out along it. The file is rembg's own {@code u2netp.onnx}, kept where IOPaint points rembg ({@code U2NET_HOME} =
 * {@code <model-dir>/torch/hub/checkpoints}).
 */
@AutoService(PluginProvider.class)
public final class RemoveBgProvider implements PluginProvider {
    public static final String NAME = "RemoveBG";

    /** rembg's release of U^2-Netp, with the MD5 rembg checks it against. */
    public static final PluginModelSpec U2NETP = new PluginModelSpec("u2netp", List.of(new ModelFile(
            "https://github.com/danielgatis/rembg/releases/download/v0.0.0/u2netp.onnx",
            "8e83ca70e441ab06c318d82300c84806", "U2NETP_MODEL")));

    private static final Logger log = LoggerFactory.getLogger(RemoveBgProvider.class);

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean supportsGenImage() {
        return true;
    }

    @Override
    public boolean supportsGenMask() {
        return true;
    }

    @Override
    public List<PluginModelSpec> models() {
        return List.of(U2NETP);
    }

    /**
     * Loads U^2-Netp on the CPU whatever {@code device} says: IOPaint's rembg sessions run there too (only its
     * briaai models use another device).
     *
     * @throws ModelLoadException when the file is missing, damaged, or not U^2-Netp
     */
    @Override
    public Plugin load(PluginModelSpec model, Device device, ModelStore store) {
        Objects.requireNonNull(device, "device");
        if (!U2NETP.equals(model)) {
            throw new IllegalArgumentException(NAME + " has no model " + model + "; its models: " + models());
        }
        if (device != Device.CPU) {
            log.info("{} runs {} on the CPU; {} was asked, but only IOPaint's briaai models use it", NAME,
                    model.name(), device.wireName());
        }
        ModelFile file = model.files().get(0);
        Path path = store.pathOf(file);
        if (!Files.isRegularFile(path)) {
            throw new ModelLoadException(path + " is missing; it should hold rembg's " + file.fileName() + " ("
                    + file.url() + "). Start IOPaint with --enable-remove-bg to download it, or set "
                    + file.urlVariable() + " to a copy");
        }
        return new RemoveBgPlugin(model.name(), U2NetpNetwork.load(path, file));
    }
}
