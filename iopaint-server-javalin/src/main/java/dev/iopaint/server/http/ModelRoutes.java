package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.Iopaint;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * {@code GET /api/v1/model} answers the active model's {@code ModelInfo}; {@code POST /api/v1/model {"name"}}
 * switches to another one (downloading it first if needed) and answers its {@code ModelInfo}. A switch waits for
 * inpaint requests in flight, and requests arriving meanwhile wait for it; when loading fails the previous model
 * is loaded again and the error is answered.
 */
public final class ModelRoutes implements RouteGroup {
    private final Iopaint iopaint;

    public ModelRoutes(Iopaint iopaint) {
        this.iopaint = iopaint;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/model", ctx -> ctx.json(iopaint.model()));
        routes.post("/api/v1/model", this::switchModel);
    }

    private void switchModel(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String name = JsonBodies.requiredString(body, "name");
        ctx.json(iopaint.switchModel(name));
    }
}
