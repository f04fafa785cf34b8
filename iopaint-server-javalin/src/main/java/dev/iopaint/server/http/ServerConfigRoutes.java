package dev.iopaint.server.http;

import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.SdSampler;
import dev.iopaint.core.Iopaint;
import dev.iopaint.server.ServerSettings;
import io.javalin.config.RoutesConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/server-config}: what IOPaint's web client reads on load to build its menus, with IOPaint's
 * field names (camelCase here, unlike the rest of the API) and its plugin model choices and defaults.
 */
public final class ServerConfigRoutes implements RouteGroup {
    /** IOPaint's {@code RemoveBGModel} choices, in its order; the first is the default. */
    public static final List<String> REMOVE_BG_MODELS = List.of("briaai/RMBG-1.4", "briaai/RMBG-2.0", "u2net",
            "u2netp", "u2net_human_seg", "u2net_cloth_seg", "silueta", "isnet-general-use", "birefnet-general",
            "birefnet-general-lite", "birefnet-portrait", "birefnet-dis", "birefnet-hrsod", "birefnet-cod",
            "birefnet-massive");
    /** IOPaint's {@code RealESRGANModel} choices; the first is the default. */
    public static final List<String> REALESRGAN_MODELS = List.of("realesr-general-x4v3", "RealESRGAN_x4plus",
            "RealESRGAN_x4plus_anime_6B");
    /** IOPaint's {@code InteractiveSegModel} choices. */
    public static final List<String> INTERACTIVE_SEG_MODELS = List.of("vit_b", "vit_l", "vit_h", "sam_hq_vit_b",
            "sam_hq_vit_l", "sam_hq_vit_h", "mobile_sam", "sam2_tiny", "sam2_small", "sam2_base", "sam2_large",
            "sam2_1_tiny", "sam2_1_small", "sam2_1_base", "sam2_1_large");
    /** IOPaint's {@code --interactive-seg-model} default. */
    public static final String DEFAULT_INTERACTIVE_SEG_MODEL = "sam2_1_tiny";
    /** The 19 diffusion samplers, in IOPaint's order and spelling. */
    public static final List<String> SAMPLERS = Arrays.stream(SdSampler.values()).map(SdSampler::wireName).toList();

    private final Iopaint iopaint;
    private final ServerSettings settings;

    public ServerConfigRoutes(Iopaint iopaint, ServerSettings settings) {
        this.iopaint = iopaint;
        this.settings = settings;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/server-config", ctx -> ctx.json(config()));
    }

    Map<String, Object> config() {
        ModelInfo current = iopaint.model();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("plugins", List.of());
        config.put("modelInfos", iopaint.models());
        config.put("removeBGModel", REMOVE_BG_MODELS.get(0));
        config.put("removeBGModels", REMOVE_BG_MODELS);
        config.put("realesrganModel", REALESRGAN_MODELS.get(0));
        config.put("realesrganModels", REALESRGAN_MODELS);
        config.put("interactiveSegModel", DEFAULT_INTERACTIVE_SEG_MODEL);
        config.put("interactiveSegModels", INTERACTIVE_SEG_MODELS);
        config.put("enableFileManager", settings.fileManagerEnabled());
        config.put("enableAutoSaving", settings.outputDir() != null);
        config.put("enableControlnet", false);
        // IOPaint's ModelManager starts with the first ControlNet of a model that takes one, else none.
        config.put("controlnetMethod", current.supportControlnet() ? current.controlnets().get(0) : null);
        config.put("disableModelSwitch", false);
        config.put("isDesktop", false);
        config.put("samplers", SAMPLERS);
        return config;
    }
}
