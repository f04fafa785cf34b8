package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.json.IopaintJson;
import dev.iopaint.openai.budget.BudgetConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

class OpenApiRoutesTest {
    /** Every endpoint the server has: IOPaint's (reference section 2) and ours. */
    private static final List<String> ENDPOINTS = List.of(
            "GET /api/v1/server-config", "GET /api/v1/model", "POST /api/v1/model", "POST /api/v1/inpaint",
            "GET /api/v1/inputimage", "POST /api/v1/gen-info", "POST /api/v1/save_image", "POST /api/v1/adjust_mask",
            "POST /api/v1/run_plugin_gen_mask", "POST /api/v1/run_plugin_gen_image",
            "POST /api/v1/switch_plugin_model", "GET /api/v1/samplers", "POST /api/v1/samplers",
            "GET /api/v1/medias", "GET /api/v1/media_file", "GET /api/v1/media_thumbnail_file",
            "GET /api/v1/health", "GET /api/v1/events", "GET /openapi.json", "GET /docs",
            "GET /api/v1/budget/status", "GET /api/v1/budget/limits", "POST /api/v1/budget/limits",
            "POST /api/v1/budget/estimate");

    /** What Javalin answers for a path no route matches. */
    private static final String NO_ROUTE = "Endpoint ";

    @TempDir
    static Path work;
    static BudgetRoutes budget;
    static TestServer server;
    static JsonNode document;

    @BeforeAll
    static void start() throws IOException {
        Path input = Files.createDirectories(work.resolve("input"));
        // As `iopaint start` serves it: with the budget endpoints.
        budget = new BudgetRoutes(BudgetConfig.defaults(work.resolve("data")));
        server = TestServer.start(Iopaint.builder().modelDir(work.resolve("models")).model("cv2").build(),
                TestServer.settings(input, null, work.resolve("output")), List.of(budget));
        HttpResponse<byte[]> response = server.get("/openapi.json");
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
        document = TestServer.json(response);
    }

    @AfterAll
    static void stop() {
        server.close();
        budget.close();
    }

    private static List<String> documentedEndpoints() {
        List<String> endpoints = new ArrayList<>();
        document.get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames().forEachRemaining(
                method -> endpoints.add(method.toUpperCase(Locale.ROOT) + " " + path.getKey())));
        return endpoints;
    }

    @Test
    void the_document_is_openapi_3_and_lists_every_endpoint() {
        assertThat(document.get("openapi").asText()).startsWith("3.");
        assertThat(documentedEndpoints()).containsExactlyInAnyOrderElementsOf(ENDPOINTS);
    }

    @Test
    void every_documented_endpoint_exists_on_the_server() throws Exception {
        for (String endpoint : documentedEndpoints()) {
            String[] parts = endpoint.split(" ");
            HttpRequest.Builder request = HttpRequest.newBuilder(server.uri(parts[1]));
            request = parts[0].equals("GET") ? request.GET()
                    : request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}"));
            // The event stream never ends: its status line is enough.
            HttpResponse<InputStream> response = server.http.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.SECONDS);
            String start;
            try (InputStream body = response.body()) {
                start = parts[1].equals(ProgressEvents.PATH) ? "" : new String(body.readNBytes(300));
            }

            // A route that answers 404 on purpose (inputimage with an input folder) says so in its own words.
            assertThat(response.statusCode()).as(endpoint).isNotEqualTo(405);
            assertThat(start).as(endpoint).doesNotContain(NO_ROUTE);
        }
    }

    @Test
    void a_server_without_the_budget_leaves_it_out_of_the_document() {
        try (TestServer plain = TestServer.start(work.resolve("models"), TestServer.settings())) {
            JsonNode paths = TestServer.json(plain.get("/openapi.json")).get("paths");

            assertThat(paths.has("/api/v1/inpaint")).isTrue();
            assertThat(paths.fieldNames()).toIterable().noneMatch(path -> path.startsWith("/api/v1/budget"));
        }
    }

    @Test
    void a_path_without_a_route_is_told_apart_by_its_detail() {
        HttpResponse<byte[]> response = server.get("/api/v1/nothing-here");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("detail").asText()).startsWith(NO_ROUTE);
    }

    @Test
    void every_reference_points_at_a_defined_schema() {
        Matcher refs = Pattern.compile("\"#/components/schemas/([A-Za-z]+)\"").matcher(document.toString());
        TreeSet<String> referenced = new TreeSet<>();
        while (refs.find()) {
            referenced.add(refs.group(1));
        }
        JsonNode schemas = document.get("components").get("schemas");

        assertThat(referenced).isNotEmpty().allMatch(schemas::has);
    }

    @Test
    void the_inpaint_request_schema_has_every_field_with_iopaints_default() {
        JsonNode properties = document.get("components").get("schemas").get("InpaintRequest").get("properties");
        JsonNode defaults = IopaintJson.mapper().valueToTree(InpaintRequest.defaults());

        defaults.fields().forEachRemaining(field -> {
            assertThat(properties.has(field.getKey())).as(field.getKey()).isTrue();
            JsonNode documented = properties.get(field.getKey()).get("default");
            if (field.getValue().isNumber()) {
                assertThat(documented.asDouble()).as(field.getKey()).isEqualTo(field.getValue().asDouble());
            } else {
                assertThat(documented).as(field.getKey()).isEqualTo(field.getValue());
            }
        });
        assertThat(properties.size()).isEqualTo(defaults.size() + 2);
        assertThat(properties.has("image")).isTrue();
        assertThat(properties.has("mask")).isTrue();
    }

    @Test
    void the_server_config_schema_names_the_fields_the_server_sends() {
        JsonNode config = TestServer.json(server.get("/api/v1/server-config"));
        JsonNode properties = document.get("components").get("schemas").get("ServerConfig").get("properties");

        List<String> sent = new ArrayList<>();
        config.fieldNames().forEachRemaining(sent::add);
        List<String> documented = new ArrayList<>();
        properties.fieldNames().forEachRemaining(documented::add);
        assertThat(documented).containsExactlyElementsOf(sent);
    }

    @Test
    void the_docs_page_links_the_document() {
        HttpResponse<byte[]> page = server.get("/docs");

        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(new String(page.body())).contains("href=\"/openapi.json\"");
    }
}
