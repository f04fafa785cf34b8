package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.openai.budget.BudgetConfig;
import dev.iopaint.server.IopaintServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code openai-compat} served over HTTP against a fake OpenAI-compatible API, with its budget. */
class OpenAiBudgetEndToEndTest {
    @TempDir
    Path work;

    @Test
    void an_inpaint_through_the_api_is_charged_shows_in_the_status_and_the_next_one_over_the_cap_gets_402()
            throws Exception {
        AtomicInteger edits = new AtomicInteger();
        byte[] answer = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS).encode(
                TestImages.gradient(1024, 1024), null, ImageFormat.PNG, 100, null);
        HttpServer openAi = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        openAi.createContext("/v1/images/edits", exchange -> {
            edits.incrementAndGet();
            exchange.getRequestBody().readAllBytes();
            byte[] body = ("{\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(answer) + "\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        openAi.start();
        Map<String, String> environment = Map.of("OPENAI_API_KEY", "sk-test",
                "OPENAI_BASE_URL", "http://127.0.0.1:" + openAi.getAddress().getPort() + "/v1",
                "AIE_DATA_DIR", work.resolve("data").toString(), "AIE_BUDGET_SESSION_CAP", "0.05",
                "AIE_RATE_LIMIT_SECONDS", "0");
        BudgetRoutes budget = new BudgetRoutes(BudgetConfig.fromSettings(environment));
        try (Iopaint iopaint = Iopaint.builder().modelDir(work.resolve("models")).model("openai-compat")
                .environment(environment).build();
             IopaintServer server = IopaintServer.start(iopaint, TestServer.settings(), List.of(budget))) {
            HttpResponse<String> first = inpaint(server, "a lighthouse");
            JsonNode status = json(get(server, "/api/v1/budget/status"));
            HttpResponse<String> second = inpaint(server, "a boat");

            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(status.get("daily").get("spent_usd").decimalValue()).isEqualByComparingTo("0.04");
            assertThat(second.statusCode()).isEqualTo(402);
            assertThat(json(second).get("errors").asText()).contains("session");
            assertThat(edits.get()).isEqualTo(1);
        } finally {
            budget.close();
            openAi.stop(0);
        }
    }

    private static HttpResponse<String> inpaint(IopaintServer server, String prompt) throws Exception {
        Map<String, Object> body = new java.util.HashMap<>(TestImages.inpaintBody(
                TestImages.base64(TestImages.png(TestImages.gradient(64, 48))),
                TestImages.base64(TestImages.squareMask(64, 48, 8, 8, 16))));
        body.put("prompt", prompt);
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(server.uri().resolve("/api/v1/inpaint"))
                        .header("Content-Type", "application/json").header("X-Session-Id", "tester")
                        .POST(HttpRequest.BodyPublishers.ofString(TestServer.JSON.writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(IopaintServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + path.substring(1)))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> response) throws Exception {
        return TestServer.JSON.readTree(response.body());
    }
}
