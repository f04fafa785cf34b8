package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.core.plugins.PluginOutputs;
import dev.iopaint.server.ServerPlugins;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.function.Predicate;

/**
 * IOPaint's plugin endpoints, as its web client calls them (image as base64 or a data URL):
 * <ul>
 * <li>{@code run_plugin_gen_mask {name, image, clicks}}: the plugin's mask, dilated 9x9 and drawn in the brush
 * colour, as an RGBA PNG;</li>
 * <li>{@code run_plugin_gen_image {name, image, scale}}: the plugin's image as PNG, with the plugin's alpha or else
 * the input's, and the input's metadata;</li>
 * <li>{@code switch_plugin_model {plugin_name, model_name}}: answers {@code null}; does nothing for a plugin that
 * is not enabled, as IOPaint does.</li>
 * </ul>
 * A plugin that is not enabled or cannot do what is asked is a 422, checked before the image is read, as in IOPaint.
 */
public final class PluginRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(PluginRoutes.class);

    private final ServerPlugins plugins;
    private final ImageCodec codec;
    private final int quality;

    public PluginRoutes(ServerPlugins plugins, ImageCodec codec, int quality) {
        this.plugins = plugins;
        this.codec = codec;
        this.quality = quality;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/run_plugin_gen_mask", this::genMask);
        routes.post("/api/v1/run_plugin_gen_image", this::genImage);
        routes.post("/api/v1/switch_plugin_model", this::switchPluginModel);
    }

    private void genMask(Context ctx) {
        Run run = read(ctx, PluginProvider::supportsGenMask, "mask");
        long start = System.nanoTime();
        Mask mask = plugins.running().genMask(run.name(), run.image().rgb(), run.request());
        if (mask.width() != run.image().width() || mask.height() != run.image().height()) {
            throw new InferenceFailedException("The plugin " + run.name() + " made a " + mask.width() + "x"
                    + mask.height() + " mask for a " + run.image().width() + "x" + run.image().height() + " image");
        }
        MaskAdjuster.BrushMask brush = MaskAdjuster.paint(PluginOutputs.dilateForClient(mask));
        log.info("Plugin {} made a mask of a {}x{} image from {} clicks in {} ms", run.name(), mask.width(),
                mask.height(), run.request().clicks().size(), (System.nanoTime() - start) / 1_000_000);
        byte[] png = codec.encode(brush.rgb(), brush.alpha(), ImageFormat.PNG, 100, ImageMetadata.NONE);
        ctx.contentType(ImageFormat.PNG.mimeType()).result(png);
    }

    private void genImage(Context ctx) {
        Run run = read(ctx, PluginProvider::supportsGenImage, "image");
        long start = System.nanoTime();
        PluginImage result = plugins.running().genImage(run.name(), run.image().rgb(), run.request());
        log.info("Plugin {} made a {}x{} image from a {}x{} one in {} ms", run.name(), result.image().width(),
                result.image().height(), run.image().width(), run.image().height(),
                (System.nanoTime() - start) / 1_000_000);
        byte[] png = codec.encode(result.image(), alpha(result, run.image()), ImageFormat.PNG, quality,
                run.image().metadata());
        ctx.contentType(ImageFormat.PNG.mimeType()).result(png);
    }

    /** The plugin's own alpha (a cut-out), else the input's, fitted to the result's size; null when opaque. */
    private static byte[] alpha(PluginImage result, DecodedImage input) {
        if (result.alpha().isPresent()) {
            return result.alpha().get().values();
        }
        if (!input.hasAlpha()) {
            return null;
        }
        Mask inputAlpha = new Mask(input.width(), input.height(), input.alpha());
        return PluginOutputs.fitAlpha(inputAlpha, result.image().width(), result.image().height()).values();
    }

    private void switchPluginModel(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String plugin = JsonBodies.requiredString(body, "plugin_name");
        String model = JsonBodies.requiredString(body, "model_name");
        if (plugins.enabled(plugin).isEmpty()) {
            log.info("Ignored switching plugin {} to model {}: no such plugin is enabled", plugin, model);
        } else {
            plugins.running().switchModel(plugin, model);
        }
        ctx.contentType("application/json").result("null");
    }

    /** One plugin run: which plugin, on what, with which clicks and scale. */
    private record Run(String name, DecodedImage image, PluginRequest request) {
    }

    private Run read(Context ctx, Predicate<PluginProvider> supports, String output) {
        JsonNode body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredString(body, "name");
        String image = JsonBodies.requiredString(body, "image");
        PluginRequest request = PluginRequests.read(body);
        requireSupport(name, supports, output);
        return new Run(name, codec.decode(Base64Images.decode(image, "image")), request);
    }

    private void requireSupport(String name, Predicate<PluginProvider> supports, String output) {
        PluginProvider provider = plugins.enabled(name).orElseThrow(() -> new PluginNotAvailableException(
                "Plugin not found: '" + name + "' is not enabled on this server; enabled: "
                        + plugins.running().enabled().stream().map(PluginProvider::name).toList()
                        + " (GET /api/v1/server-config lists them; start the server with --enable-remove-bg or"
                        + " --enable-interactive-seg)"));
        if (!supports.test(provider)) {
            throw new PluginNotAvailableException("Plugin " + name + " does not support output " + output
                    + " (support_gen_image and support_gen_mask in GET /api/v1/server-config say what each makes)");
        }
    }
}
