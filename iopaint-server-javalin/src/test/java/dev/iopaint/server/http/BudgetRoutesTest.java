package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.Iopaint;
import dev.iopaint.openai.budget.BudgetConfig;
import dev.iopaint.openai.budget.BudgetExceededException;
import dev.iopaint.openai.budget.BudgetWindow;
import dev.iopaint.openai.budget.RateLimitedException;
import dev.iopaint.server.IopaintServer;
import io.javalin.http.HttpStatus;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class BudgetRoutesTest {
    @TempDir
    Path work;
    private Iopaint iopaint;
    private BudgetRoutes budget;
    private IopaintServer server;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        iopaint = Iopaint.builder().modelDir(work.resolve("models")).model("cv2").build();
        budget = new BudgetRoutes(BudgetConfig.defaults(work.resolve("data")));
        server = IopaintServer.start(iopaint, TestServer.settings(), List.of(budget));
    }

    @AfterEach
    void stop() {
        server.close();
        budget.close();
        iopaint.close();
    }

    private HttpResponse<String> send(String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)));
        request.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json)).header("Content-Type", "application/json");
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return TestServer.JSON.readTree(response.body());
    }

    @Test
    void status_shows_spending_caps_and_what_is_left_per_window() throws Exception {
        JsonNode status = json(send("GET", "/api/v1/budget/status", null));

        assertThat(status.get("status").asText()).isEqualTo("ok");
        assertThat(status.get("daily").get("cap_usd").decimalValue()).isEqualByComparingTo("10");
        assertThat(status.get("daily").get("spent_usd").decimalValue()).isEqualByComparingTo("0");
        assertThat(status.get("daily").get("remaining_usd").decimalValue()).isEqualByComparingTo("10");
        assertThat(status.get("monthly").get("resets_at").asText()).endsWith("Z");
        assertThat(work.resolve("data/budget.db")).exists();
    }

    @Test
    void limits_can_be_read_and_changed_and_negative_or_non_numeric_caps_are_refused() throws Exception {
        assertThat(json(send("POST", "/api/v1/budget/limits", "{\"daily_cap\": 2.5}")).get("daily_cap")
                .decimalValue()).isEqualByComparingTo("2.5");
        JsonNode limits = json(send("GET", "/api/v1/budget/limits", null));
        assertThat(limits.get("daily_cap").decimalValue()).isEqualByComparingTo("2.5");
        assertThat(limits.get("monthly_cap").decimalValue()).isEqualByComparingTo("100");

        HttpResponse<String> negative = send("POST", "/api/v1/budget/limits", "{\"monthly_cap\": -1}");
        HttpResponse<String> text = send("POST", "/api/v1/budget/limits", "{\"session_cap\": \"lots\"}");

        assertThat(negative.statusCode()).isEqualTo(400);
        assertThat(json(negative).get("errors").asText()).contains("monthly");
        assertThat(text.statusCode()).isEqualTo(400);
        assertThat(json(text).get("errors").asText()).contains("session_cap");
        assertThat(json(send("GET", "/api/v1/budget/limits", null)).get("monthly_cap").decimalValue())
                .isEqualByComparingTo("100");
    }

    @Test
    void estimates_the_price_of_an_image_edit() throws Exception {
        JsonNode estimate = json(send("POST", "/api/v1/budget/estimate",
                "{\"model\": \"gpt-image-1\", \"size\": \"1024x1024\"}"));

        assertThat(estimate.get("estimated_cost_usd").decimalValue()).isEqualByComparingTo("0.04");
        assertThat(estimate.get("tier").asText()).isNotBlank();
    }

    @Test
    void a_call_the_budget_refuses_is_402_and_a_rate_limited_one_429() {
        BudgetExceededException overBudget = new BudgetExceededException(BudgetWindow.DAILY, new BigDecimal("9.99"),
                BigDecimal.TEN, new BigDecimal("0.04"), Instant.parse("2026-11-28T00:00:00Z"));

        assertThat(ErrorResponses.statusOf(overBudget)).isEqualTo(HttpStatus.PAYMENT_REQUIRED);
        assertThat(overBudget.getMessage()).contains("daily").contains("2026-11-28");
        assertThat(ErrorResponses.statusOf(new RateLimitedException("s", 7))).isEqualTo(HttpStatus.TOO_MANY_REQUESTS);
    }
}
