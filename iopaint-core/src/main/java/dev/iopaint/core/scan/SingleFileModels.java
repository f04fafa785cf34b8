package dev.iopaint.core.scan;

import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The single-file checkpoints ({@code *.safetensors}, {@code *.ckpt}) directly inside a {@code stable_diffusion}
 * or {@code stable_diffusion_xl} folder, as IOPaint's {@code scan_single_file_diffusion_models} lists them.
 */
final class SingleFileModels {
    /** The UNet's first convolution: 9 input channels (latents, masked latents, mask) for inpainting models. */
    static final String UNET_INPUT_CONV = "model.diffusion_model.input_blocks.0.0.weight";

    private static final List<Long> INPAINT_SHAPE = List.of(320L, 9L, 3L, 3L);
    private static final List<Long> NORMAL_SHAPE = List.of(320L, 4L, 3L, 3L);
    private static final Logger LOG = LoggerFactory.getLogger(SingleFileModels.class);

    private SingleFileModels() {
    }

    /**
     * Lists the checkpoints of {@code folder}, classifying only those its {@code iopaint_cache.json} does not know,
     * then stores the result there (entries of vanished or unusable files are dropped).
     *
     * @param sdxl whether {@code folder} holds SDXL checkpoints
     */
    static List<ModelInfo> scan(Path folder, boolean sdxl) {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        ModelTypeCache cache = ModelTypeCache.load(folder);
        Map<String, ModelType> types = new LinkedHashMap<>();
        List<ModelInfo> models = new ArrayList<>();
        for (Path file : DiffusionModelScanner.children(folder)) {
            String name = file.getFileName().toString();
            if (!isCheckpointName(name) || !Files.isRegularFile(file)) {
                continue;
            }
            Optional<ModelType> type = cache.lookup(name).or(() -> classify(file, sdxl));
            type.ifPresent(t -> {
                LOG.debug("Found single-file model {} ({})", name, t.wireName());
                types.put(name, t);
                models.add(new ModelInfo(name, file.toAbsolutePath().toString(), t, true));
            });
        }
        cache.save(types);
        return models;
    }

    /** Python's {@code Path.suffix in [".safetensors", ".ckpt"]}: case-sensitive, and a bare ".ckpt" has no suffix. */
    private static boolean isCheckpointName(String name) {
        return (name.endsWith(".safetensors") || name.endsWith(".ckpt")) && name.lastIndexOf('.') > 0;
    }

    /**
     * IOPaint's {@code get_sd_model_type}/{@code get_sdxl_model_type}: "inpaint" in the file name decides;
     * otherwise the UNet's input convolution, [320, 9, 3, 3] for inpainting and [320, 4, 3, 3] for plain models.
     * Anything else (another shape, no UNet, an unreadable file) is skipped, as IOPaint skips a file it cannot load.
     */
    static Optional<ModelType> classify(Path file, boolean sdxl) {
        ModelType inpaint = sdxl ? ModelType.DIFFUSERS_SDXL_INPAINT : ModelType.DIFFUSERS_SD_INPAINT;
        ModelType normal = sdxl ? ModelType.DIFFUSERS_SDXL : ModelType.DIFFUSERS_SD;
        String name = file.getFileName().toString();
        if (name.toLowerCase(Locale.ROOT).contains("inpaint")) {
            return Optional.of(inpaint);
        }
        Optional<List<Long>> shape;
        try {
            shape = name.endsWith(".safetensors")
                    ? SafetensorsHeader.read(file).tensor(UNET_INPUT_CONV).map(SafetensorsHeader.Tensor::shape)
                    : TorchCheckpoint.tensorShape(file, UNET_INPUT_CONV);
        } catch (ModelLoadException e) {
            LOG.warn("Skipping a single-file model: {}", e.getMessage());
            return Optional.empty();
        } catch (RuntimeException e) {
            LOG.warn("Skipping {}: it could not be read", file, e);
            return Optional.empty();
        }
        if (shape.equals(Optional.of(INPAINT_SHAPE))) {
            return Optional.of(inpaint);
        }
        if (shape.equals(Optional.of(NORMAL_SHAPE))) {
            return Optional.of(normal);
        }
        LOG.info("Skipping {}: not a Stable Diffusion{} checkpoint ({} is {}, expected [320, 4|9, 3, 3])", file,
                sdxl ? " XL" : "", UNET_INPUT_CONV, shape.map(Object::toString).orElse("missing"));
        return Optional.empty();
    }
}
