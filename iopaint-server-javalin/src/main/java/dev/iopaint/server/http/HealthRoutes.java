package dev.iopaint.server.http;

import dev.iopaint.core.Iopaint;
import io.javalin.config.RoutesConfig;

import java.util.Map;

/** {@code GET /api/v1/health}: for load balancers and scripts; answers while a model is active. */
public final class HealthRoutes implements RouteGroup {
    private final Iopaint iopaint;

    public HealthRoutes(Iopaint iopaint) {
        this.iopaint = iopaint;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", ctx -> ctx.json(Map.of("status", "ok", "model", iopaint.model().name())));
    }
}
