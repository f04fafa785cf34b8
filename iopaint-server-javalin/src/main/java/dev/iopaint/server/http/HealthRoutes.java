package dev.iopaint.server.http;

import dev.iopaint.core.Iopaint;
import io.javalin.config.RoutesConfig;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code GET /api/v1/health}: for load balancers and scripts; answers while a model is active, with the inpaint
 * queue's state ({@code running} 0 or 1, {@code waiting}, {@code capacity}).
 */
public final class HealthRoutes implements RouteGroup {
    private final Iopaint iopaint;
    private final InpaintQueue queue;

    public HealthRoutes(Iopaint iopaint, InpaintQueue queue) {
        this.iopaint = iopaint;
        this.queue = queue;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/health", ctx -> {
            Map<String, Object> health = new LinkedHashMap<>();
            health.put("status", "ok");
            health.put("model", iopaint.model().name());
            int running = queue.running();
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("running", running);
            state.put("waiting", Math.max(0, queue.admitted() - running));
            state.put("capacity", queue.capacity());
            health.put("queue", state);
            ctx.json(health);
        });
    }
}
