package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.openai.budget.BudgetConfig;
import dev.iopaint.openai.budget.BudgetLedger;
import dev.iopaint.openai.budget.BudgetLimits;
import dev.iopaint.openai.budget.BudgetStatus;
import dev.iopaint.openai.budget.CostEstimator;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The spending of paid models ({@code openai-compat}): {@code GET /api/v1/budget/status} (spent, cap and what is
 * left per window, level ok/warning/blocked), {@code GET}/{@code POST /api/v1/budget/limits} (caps in USD, 0 = none,
 * negative values refused) and {@code POST /api/v1/budget/estimate} (the price of one image edit).
 */
public final class BudgetRoutes implements RouteGroup, AutoCloseable {
    private static final String[] CAP_FIELDS = {"daily_cap", "monthly_cap", "session_cap"};

    private final BudgetConfig config;
    private final CostEstimator estimator = new CostEstimator();
    private BudgetLedger ledger;

    /** The ledger in {@code config}'s data folder is opened on the first budget request, not before. */
    public BudgetRoutes(BudgetConfig config) {
        this.config = config;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/budget/status", ctx -> ctx.json(status(ledger().status(null))));
        routes.get("/api/v1/budget/limits", ctx -> ctx.json(limits(ledger().limits())));
        routes.post("/api/v1/budget/limits", this::setLimits);
        routes.post("/api/v1/budget/estimate", this::estimate);
    }

    @Override
    public Optional<String> openApiFragment() {
        return Optional.of("/openapi/budget.json");
    }

    private synchronized BudgetLedger ledger() {
        if (ledger == null) {
            ledger = BudgetLedger.open(config, Clock.systemUTC());
        }
        return ledger;
    }

    @Override
    public synchronized void close() {
        if (ledger != null) {
            ledger.close();
        }
    }

    private void setLimits(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        BudgetLedger ledger = ledger();
        BudgetLimits current = ledger.limits();
        BudgetLimits updated = new BudgetLimits(
                cap(body, CAP_FIELDS[0], current.dailyCap()),
                cap(body, CAP_FIELDS[1], current.monthlyCap()),
                cap(body, CAP_FIELDS[2], current.sessionCap()));
        ledger.setLimits(updated);
        ctx.json(limits(updated));
    }

    private void estimate(Context ctx) {
        JsonNode body = JsonBodies.object(ctx);
        String model = body.path("model").asText("gpt-image-1");
        BigDecimal cost = estimator.estimate(model, body.path("size").asText("1024x1024"),
                body.path("quality").asText("standard"));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("model", model);
        answer.put("estimated_cost_usd", cost);
        answer.put("tier", estimator.tier(cost));
        ctx.json(answer);
    }

    private static BigDecimal cap(JsonNode body, String field, BigDecimal current) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return current;
        }
        if (!value.isNumber()) {
            throw new UnsupportedInputException(field + " must be a number of US dollars (0 = no cap), got " + value);
        }
        return value.decimalValue();
    }

    private static Map<String, Object> limits(BudgetLimits limits) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put(CAP_FIELDS[0], limits.dailyCap());
        answer.put(CAP_FIELDS[1], limits.monthlyCap());
        answer.put(CAP_FIELDS[2], limits.sessionCap());
        return answer;
    }

    private static Map<String, Object> status(BudgetStatus status) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("status", status.level().wireName());
        for (BudgetStatus.Window window : status.windows()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("spent_usd", window.spent());
            entry.put("cap_usd", window.cap());
            entry.put("remaining_usd", window.remaining());
            entry.put("resets_at", window.resetsAt() == null ? null : window.resetsAt().toString());
            answer.put(window.window().wireName(), entry);
        }
        return answer;
    }
}
