package dev.iopaint.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A model that can be served, as IOPaint's {@code ModelInfo}: its name, where it lives, its type, and the
 * capabilities derived from those (which the server offers to clients as data).
 *
 * @param name                  what users select, e.g. {@code lama} or {@code runwayml/stable-diffusion-inpainting}
 * @param path                  the name again for erase and Hugging Face models, the file or folder for local diffusion models
 * @param modelType             the family, which decides the call path and capabilities
 * @param isSingleFileDiffusers true for a {@code .safetensors}/{@code .ckpt} checkpoint in {@code stable_diffusion*}
 */
public record ModelInfo(String name, String path, ModelType modelType, boolean isSingleFileDiffusers) {

    public static final String INSTRUCT_PIX2PIX = "timbrooks/instruct-pix2pix";
    public static final String KANDINSKY22 = "kandinsky-community/kandinsky-2-2-decoder-inpaint";
    public static final String POWERPAINT = "Sanster/PowerPaint-V1-stable-diffusion-inpainting";
    public static final String ANYTEXT = "Sanster/AnyText";

    public static final List<String> SD_CONTROLNETS = List.of(
            "lllyasviel/control_v11p_sd15_canny",
            "lllyasviel/control_v11p_sd15_openpose",
            "lllyasviel/control_v11p_sd15_inpaint",
            "lllyasviel/control_v11f1p_sd15_depth");
    public static final List<String> SD2_CONTROLNETS = List.of(
            "thibaud/controlnet-sd21-canny-diffusers",
            "thibaud/controlnet-sd21-depth-diffusers",
            "thibaud/controlnet-sd21-openpose-diffusers");
    public static final List<String> SDXL_CONTROLNETS = List.of(
            "thibaud/controlnet-openpose-sdxl-1.0",
            "destitech/controlnet-inpaint-dreamer-sdxl",
            "diffusers/controlnet-canny-sdxl-1.0",
            "diffusers/controlnet-canny-sdxl-1.0-mid",
            "diffusers/controlnet-canny-sdxl-1.0-small",
            "diffusers/controlnet-depth-sdxl-1.0",
            "diffusers/controlnet-depth-sdxl-1.0-mid",
            "diffusers/controlnet-depth-sdxl-1.0-small");
    public static final List<String> SD_BRUSHNETS = List.of(
            "Sanster/brushnet_random_mask",
            "Sanster/brushnet_segmentation_mask");
    public static final List<String> SDXL_BRUSHNETS = List.of(
            "Regulus0725/random_mask_brushnet_ckpt_sdxl_regulus_v1");

    public ModelInfo {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(modelType, "modelType");
        if (name.isBlank()) {
            throw new IllegalArgumentException("A model name must not be blank");
        }
    }

    /** An erase model, named and addressed by its registry name. */
    public static ModelInfo erase(String name) {
        return new ModelInfo(name, name, ModelType.INPAINT, false);
    }

    public boolean needPrompt() {
        return modelType.isStableDiffusion() || modelType == ModelType.OPENAI_COMPAT
                || Set.of(INSTRUCT_PIX2PIX, KANDINSKY22, POWERPAINT, ANYTEXT).contains(name);
    }

    /** The ControlNet models this model can use; empty, never null, when it takes none. */
    public List<String> controlnets() {
        if (modelType.isSdxl()) {
            return SDXL_CONTROLNETS;
        }
        if (modelType == ModelType.DIFFUSERS_SD || modelType == ModelType.DIFFUSERS_SD_INPAINT) {
            return name.toLowerCase(java.util.Locale.ROOT).contains("sd2") ? SD2_CONTROLNETS : SD_CONTROLNETS;
        }
        return name.equals(POWERPAINT) ? SD_CONTROLNETS : List.of();
    }

    /** The BrushNet models this model can use; empty, never null, when it takes none. */
    public List<String> brushnets() {
        return switch (modelType) {
            case DIFFUSERS_SD -> SD_BRUSHNETS;
            case DIFFUSERS_SDXL -> SDXL_BRUSHNETS;
            default -> List.of();
        };
    }

    public boolean supportStrength() {
        return modelType.isStableDiffusion() || name.equals(POWERPAINT) || name.equals(ANYTEXT);
    }

    public boolean supportOutpainting() {
        return modelType.isStableDiffusion() || name.equals(KANDINSKY22) || name.equals(POWERPAINT);
    }

    public boolean supportLcmLora() {
        return modelType.isStableDiffusion();
    }

    public boolean supportControlnet() {
        return modelType.isStableDiffusion();
    }

    public boolean supportBrushnet() {
        return modelType == ModelType.DIFFUSERS_SD || modelType == ModelType.DIFFUSERS_SDXL;
    }

    public boolean supportPowerpaintV2() {
        return modelType == ModelType.DIFFUSERS_SD && !name.equals(POWERPAINT);
    }
}
