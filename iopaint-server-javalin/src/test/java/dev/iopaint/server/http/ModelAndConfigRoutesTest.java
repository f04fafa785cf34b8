package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.SdSampler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelAndConfigRoutesTest {
    private static final List<String> MODEL_INFO_FIELDS = List.of("name", "path", "model_type",
            "is_single_file_diffusers", "need_prompt", "controlnets", "brushnets", "support_strength",
            "support_outpainting", "support_lcm_lora", "support_controlnet", "support_brushnet",
            "support_powerpaint_v2");
    private static final List<String> SAMPLERS = List.of("DPM++ 2M", "DPM++ 2M Karras", "DPM++ 2M SDE",
            "DPM++ 2M SDE Karras", "DPM++ SDE", "DPM++ SDE Karras", "DPM2", "DPM2 Karras", "DPM2 a", "DPM2 a Karras",
            "Euler", "Euler a", "Heun", "LMS", "LMS Karras", "DDIM", "PNDM", "UniPC", "LCM");

    @TempDir
    static Path modelDir;
    static TestServer server;
    static final FakeProvider white = FakeProvider.slow("white", 0);

    @BeforeAll
    static void start() {
        server = TestServer.start(modelDir, TestServer.settings(), white, FakeProvider.broken("broken"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    @Test
    void server_config_has_iopaints_fields_defaults_and_lists() {
        HttpResponse<byte[]> response = server.get("/api/v1/server-config");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode config = TestServer.json(response);
        assertThat(fieldNames(config)).containsExactly("plugins", "modelInfos", "removeBGModel", "removeBGModels",
                "realesrganModel", "realesrganModels", "interactiveSegModel", "interactiveSegModels",
                "enableFileManager", "enableAutoSaving", "enableControlnet", "controlnetMethod",
                "disableModelSwitch", "isDesktop", "samplers");
        assertThat(config.get("plugins").isArray()).isTrue();
        assertThat(config.get("plugins")).isEmpty();
        assertThat(config.get("removeBGModel").asText()).isEqualTo("briaai/RMBG-1.4");
        assertThat(strings(config.get("removeBGModels"))).hasSize(15).startsWith("briaai/RMBG-1.4", "briaai/RMBG-2.0")
                .contains("u2net", "birefnet-massive");
        assertThat(config.get("realesrganModel").asText()).isEqualTo("realesr-general-x4v3");
        assertThat(strings(config.get("realesrganModels")))
                .containsExactly("realesr-general-x4v3", "RealESRGAN_x4plus", "RealESRGAN_x4plus_anime_6B");
        assertThat(config.get("interactiveSegModel").asText()).isEqualTo("sam2_1_tiny");
        assertThat(strings(config.get("interactiveSegModels"))).hasSize(15).startsWith("vit_b", "vit_l", "vit_h")
                .endsWith("sam2_1_large");
        assertThat(config.get("enableFileManager").asBoolean()).isFalse();
        assertThat(config.get("enableAutoSaving").asBoolean()).isFalse();
        assertThat(config.get("enableControlnet").asBoolean()).isFalse();
        assertThat(config.get("controlnetMethod").isNull()).isTrue();
        assertThat(config.get("disableModelSwitch").asBoolean()).isFalse();
        assertThat(config.get("isDesktop").asBoolean()).isFalse();
        assertThat(strings(config.get("samplers"))).isEqualTo(SAMPLERS);
        List<String> models = new ArrayList<>();
        config.get("modelInfos").forEach(info -> {
            assertThat(fieldNames(info)).containsExactlyElementsOf(MODEL_INFO_FIELDS);
            models.add(info.get("name").asText());
        });
        assertThat(models).contains("cv2", "white", "broken");
    }

    @Test
    void samplers_answer_the_19_names_to_get_and_to_the_web_clients_post() {
        assertThat(SAMPLERS).hasSize(SdSampler.values().length);
        HttpResponse<byte[]> get = server.get("/api/v1/samplers");
        HttpResponse<byte[]> post = server.postJson("/api/v1/samplers", "");

        assertThat(get.statusCode()).isEqualTo(200);
        assertThat(post.statusCode()).isEqualTo(200);
        assertThat(strings(TestServer.json(get))).isEqualTo(SAMPLERS);
        assertThat(strings(TestServer.json(post))).isEqualTo(SAMPLERS);
    }

    @Test
    void model_answers_the_active_models_info_with_computed_fields() {
        JsonNode model = TestServer.json(server.get("/api/v1/model"));

        assertThat(fieldNames(model)).containsExactlyElementsOf(MODEL_INFO_FIELDS);
        assertThat(model.get("name").asText()).isEqualTo(server.iopaint.model().name());
        assertThat(model.get("model_type").asText()).isEqualTo("inpaint");
        assertThat(model.get("controlnets").isArray()).isTrue();
        assertThat(model.get("need_prompt").asBoolean()).isFalse();
    }

    @Test
    void switching_models_answers_the_new_model_and_switching_back_works() {
        try {
            HttpResponse<byte[]> switched = server.postJson("/api/v1/model", Map.of("name", "white"));

            assertThat(switched.statusCode()).isEqualTo(200);
            assertThat(TestServer.json(switched).get("name").asText()).isEqualTo("white");
            assertThat(TestServer.json(server.get("/api/v1/model")).get("name").asText()).isEqualTo("white");
            HttpResponse<byte[]> same = server.postJson("/api/v1/model", Map.of("name", "white"));
            assertThat(TestServer.json(same).get("name").asText()).isEqualTo("white");
        } finally {
            server.postJson("/api/v1/model", Map.of("name", "cv2"));
        }
        assertThat(TestServer.json(server.get("/api/v1/model")).get("name").asText()).isEqualTo("cv2");
    }

    @Test
    void inpaint_ignores_the_web_clients_misspelled_keys_and_applies_the_rest() {
        Map<String, Object> body = TestImages.inpaintBody(TestImages.base64(TestImages.png(TestImages.gradient(16, 8))),
                TestImages.base64(TestImages.squareMask(16, 8, 2, 2, 4)));
        try {
            server.postJson("/api/v1/model", Map.of("name", "white"));

            HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint", body);

            assertThat(response.statusCode()).isEqualTo(200);
            InpaintRequest used = white.lastRequest.get();
            assertThat(used.hdStrategyCropTriggerSize()).isEqualTo(800);
            assertThat(used.hdStrategyResizeLimit()).isEqualTo(1280);
            assertThat(used.cv2Radius()).isEqualTo(5);
            assertThat(used.ldmSteps()).isEqualTo(30);
            assertThat(used.sdSampler()).isEqualTo(SdSampler.DPM_PLUS_PLUS_2M);
            assertThat(used.sdSeed()).isEqualTo(1234);
            assertThat(used.controlnetMethod()).isEmpty();
            assertThat(used.sdMaskBlur()).isEqualTo(11);
        } finally {
            server.postJson("/api/v1/model", Map.of("name", "cv2"));
        }
    }

    @Test
    void a_model_that_fails_to_load_is_rolled_back_and_the_old_one_keeps_serving() {
        HttpResponse<byte[]> failed = server.postJson("/api/v1/model", Map.of("name", "broken"));

        assertThat(failed.statusCode()).isEqualTo(500);
        JsonNode error = TestServer.json(failed);
        assertThat(fieldNames(error)).containsExactly("error", "detail", "body", "errors");
        assertThat(error.get("errors").asText()).contains("always fails to load");
        assertThat(TestServer.json(server.get("/api/v1/model")).get("name").asText()).isEqualTo("cv2");
        byte[] image = TestImages.png(TestImages.gradient(32, 24));
        HttpResponse<byte[]> inpainted = server.postJson("/api/v1/inpaint", TestImages.inpaintBody(
                TestImages.base64(image), TestImages.base64(TestImages.squareMask(32, 24, 8, 8, 8))));
        assertThat(inpainted.statusCode()).isEqualTo(200);
    }

    @Test
    void an_unknown_model_is_refused_with_the_list_of_available_ones() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/model", Map.of("name", "no-such-model"));

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(TestServer.json(response).get("errors").asText()).contains("no-such-model").contains("cv2");
        assertThat(TestServer.json(server.get("/api/v1/model")).get("name").asText()).isEqualTo("cv2");
    }

    @Test
    void a_switch_without_a_name_is_a_validation_error() {
        HttpResponse<byte[]> missing = server.postJson("/api/v1/model", Map.of());
        HttpResponse<byte[]> notJson = server.postJson("/api/v1/model", "{name: cv2");

        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(missing).get("detail").asText()).contains("'name' is required");
        assertThat(notJson.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(notJson).get("errors").asText()).contains("not valid JSON");
    }

    @Test
    void cors_allows_any_origin_and_exposes_x_seed() {
        HttpResponse<byte[]> response = server.send(HttpRequest.newBuilder(server.uri("/api/v1/model"))
                .header("Origin", "http://example.test").GET().build());
        HttpResponse<byte[]> preflight = server.send(HttpRequest.newBuilder(server.uri("/api/v1/inpaint"))
                .header("Origin", "http://example.test")
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .method("OPTIONS", HttpRequest.BodyPublishers.noBody()).build());

        assertThat(response.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(response.headers().firstValue("Access-Control-Expose-Headers").orElse(""))
                .containsIgnoringCase("X-Seed");
        assertThat(preflight.statusCode()).isEqualTo(200);
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Origin")).isPresent();
        assertThat(preflight.headers().firstValue("Access-Control-Allow-Methods").orElse("")).contains("POST");
    }

    @Test
    void health_reports_the_model_and_an_idle_queue() {
        JsonNode health = TestServer.json(server.get("/api/v1/health"));

        assertThat(health.get("status").asText()).isEqualTo("ok");
        assertThat(health.get("model").asText()).isEqualTo("cv2");
        assertThat(health.get("queue").get("running").asInt()).isZero();
        assertThat(health.get("queue").get("waiting").asInt()).isZero();
        assertThat(health.get("queue").get("capacity").asInt()).isEqualTo(16);
    }

    @Test
    void an_unknown_api_path_answers_404_with_the_json_error_body() {
        HttpResponse<byte[]> response = server.get("/api/v1/no-such-endpoint");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(fieldNames(TestServer.json(response))).containsExactly("error", "detail", "body", "errors");
    }

    @Test
    void the_file_manager_answers_404_when_input_is_not_a_folder() {
        for (String path : new String[] {"/api/v1/medias?tab=input", "/api/v1/media_file?tab=input&filename=a.png",
                "/api/v1/media_thumbnail_file?tab=input&filename=a.png&width=0&height=0"}) {
            HttpResponse<byte[]> response = server.get(path);

            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(TestServer.json(response).get("errors").asText()).as(path).contains("file manager is off");
        }
    }

    @Test
    void the_plugin_endpoints_answer_as_iopaint_does_without_plugins() {
        Map<String, Object> run = Map.of("name", "RemoveBG", "image", "aGVsbG8=");
        HttpResponse<byte[]> mask = server.postJson("/api/v1/run_plugin_gen_mask", run);
        HttpResponse<byte[]> image = server.postJson("/api/v1/run_plugin_gen_image", run);
        HttpResponse<byte[]> switched = server.postJson("/api/v1/switch_plugin_model",
                Map.of("plugin_name", "RemoveBG", "model_name", "u2net"));
        HttpResponse<byte[]> invalid = server.postJson("/api/v1/switch_plugin_model", Map.of("plugin_name", "x"));

        assertThat(mask.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(mask).get("detail").asText()).startsWith("Plugin not found");
        assertThat(image.statusCode()).isEqualTo(422);
        assertThat(switched.statusCode()).isEqualTo(200);
        assertThat(TestServer.json(switched).isNull()).isTrue();
        assertThat(invalid.statusCode()).isEqualTo(422);
        assertThat(Arrays.asList(SdSampler.values())).hasSize(19);
    }
}
