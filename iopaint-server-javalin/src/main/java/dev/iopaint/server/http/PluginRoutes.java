package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UnprocessableContentResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * IOPaint's plugin endpoints. This server runs no plugins yet (server-config lists none), so
 * {@code run_plugin_gen_mask} and {@code run_plugin_gen_image} answer 422 "Plugin not found" as IOPaint does for
 * a plugin it has not enabled, and {@code switch_plugin_model} for an unknown plugin does nothing and answers
 * {@code null}, as IOPaint does.
 */
public final class PluginRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(PluginRoutes.class);

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/run_plugin_gen_mask", this::runPlugin);
        routes.post("/api/v1/run_plugin_gen_image", this::runPlugin);
        routes.post("/api/v1/switch_plugin_model", this::switchPluginModel);
    }

    private void runPlugin(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredString(body, "name");
        JsonBodies.requiredString(body, "image");
        throw new UnprocessableContentResponse("Plugin not found: '" + name + "'; this server runs no plugins"
                + " (GET /api/v1/server-config lists the enabled ones)");
    }

    private void switchPluginModel(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String plugin = JsonBodies.requiredString(body, "plugin_name");
        String model = JsonBodies.requiredString(body, "model_name");
        log.info("Ignored switching plugin {} to model {}: no such plugin is enabled", plugin, model);
        ctx.contentType("application/json").result("null");
    }
}
