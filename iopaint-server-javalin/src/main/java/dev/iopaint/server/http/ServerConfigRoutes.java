package dev.iopaint.server.http;

import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.SdSampler;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.Iopaint;
import dev.iopaint.server.ServerPlugins;
import dev.iopaint.server.ServerSettings;
import io.javalin.config.RoutesConfig;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/server-config}: what IOPaint's web client reads on load to build its menus, with IOPaint's
 * field names (camelCase here, unlike the rest of the API). {@code plugins} lists the enabled plugins; a plugin's
 * model fields show the installed provider's models and the one it runs (its default when it is off), and
 * IOPaint's own choices and defaults when no provider of that plugin is installed.
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
    private final ServerPlugins plugins;

    public ServerConfigRoutes(Iopaint iopaint, ServerSettings settings, ServerPlugins plugins) {
        this.iopaint = iopaint;
        this.settings = settings;
        this.plugins = plugins;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/server-config", ctx -> ctx.json(config()));
    }

    Map<String, Object> config() {
        ModelInfo current = iopaint.model();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("plugins", plugins.running().enabled().stream().map(ServerConfigRoutes::pluginInfo).toList());
        config.put("modelInfos", iopaint.models());
        putModels(config, "removeBGModel", ServerPlugins.REMOVE_BG, REMOVE_BG_MODELS.get(0), REMOVE_BG_MODELS);
        putModels(config, "realesrganModel", ServerPlugins.REALESRGAN, REALESRGAN_MODELS.get(0), REALESRGAN_MODELS);
        putModels(config, "interactiveSegModel", ServerPlugins.INTERACTIVE_SEG, DEFAULT_INTERACTIVE_SEG_MODEL,
                INTERACTIVE_SEG_MODELS);
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

    /** IOPaint's {@code PluginInfo}. */
    private static Map<String, Object> pluginInfo(PluginProvider provider) {
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("name", provider.name());
        info.put("support_gen_image", provider.supportsGenImage());
        info.put("support_gen_mask", provider.supportsGenMask());
        return info;
    }

    /** {@code key} (the current model) and {@code key + "s"} (the choices) of one plugin. */
    private void putModels(Map<String, Object> config, String key, String plugin, String iopaintDefault,
                           List<String> iopaintModels) {
        PluginProvider provider = plugins.installed().provider(plugin).orElse(null);
        if (provider == null) {
            config.put(key, iopaintDefault);
            config.put(key + "s", iopaintModels);
            return;
        }
        List<String> models = provider.models().stream().map(PluginModelSpec::name).toList();
        config.put(key, plugins.enabled(plugin).isPresent() ? plugins.running().model(plugin) : models.get(0));
        config.put(key + "s", models);
    }
}
