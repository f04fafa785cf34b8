package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.Click;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.server.FakePluginProvider;
import dev.iopaint.server.ServerPlugins;
import dev.iopaint.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The plugin endpoints over HTTP, called as IOPaint's web client calls them, with fake plugins. */
class PluginRoutesTest {
    private static final int WIDTH = 24;
    private static final int HEIGHT = 20;

    @TempDir
    static Path modelDir;
    static final FakePluginProvider interactiveSeg = FakePluginProvider.interactiveSeg();
    static final FakePluginProvider removeBg = FakePluginProvider.removeBg();
    static final FakePluginProvider upscaler = FakePluginProvider.upscaler();
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.withPlugins(modelDir, TestServer.settings(), List.of(interactiveSeg, removeBg, upscaler),
                ServerPlugins.INTERACTIVE_SEG, ServerPlugins.REMOVE_BG, ServerPlugins.REALESRGAN);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String pngDataUrl(RgbImage image, byte[] alpha, ImageMetadata metadata) {
        return TestImages.dataUrl(TestImages.encode(image, alpha, ImageFormat.PNG, metadata), "image/png");
    }

    private static String gradientDataUrl() {
        return pngDataUrl(TestImages.gradient(WIDTH, HEIGHT), null, ImageMetadata.NONE);
    }

    /** {name, image, clicks} as the web client sends it for InteractiveSeg. */
    private static Map<String, Object> maskBody(String name, String image, Object clicks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("image", image);
        body.put("clicks", clicks);
        return body;
    }

    /** {name, image, scale} as the web client sends it for image plugins. */
    private static Map<String, Object> imageBody(String name, String image, double scale) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", name);
        body.put("image", image);
        body.put("scale", scale);
        return body;
    }

    private static DecodedImage png(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        DecodedImage image = TestImages.CODEC.decode(response.body());
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        return image;
    }

    private static JsonNode error(HttpResponse<byte[]> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        JsonNode body = TestServer.json(response);
        assertThat(body.has("error")).isTrue();
        assertThat(body.has("body")).isTrue();
        assertThat(body.get("errors").asText()).isEqualTo(body.get("detail").asText());
        return body;
    }

    private static List<String> names(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asText()));
        return values;
    }

    private static int[] pixel(DecodedImage image, int x, int y) {
        int[] rgb = image.rgb().rgb(x, y);
        int alpha = image.alpha() == null ? 255 : image.alpha()[y * image.width() + x] & 0xff;
        return new int[] {rgb[0], rgb[1], rgb[2], alpha};
    }

    @Test
    void server_config_lists_the_enabled_plugins_in_iopaints_shape_with_their_models() {
        JsonNode config = TestServer.json(server.get("/api/v1/server-config"));

        JsonNode plugins = config.get("plugins");
        assertThat(plugins).hasSize(3);
        assertThat(plugins.get(0).toString())
                .isEqualTo("{\"name\":\"InteractiveSeg\",\"support_gen_image\":false,\"support_gen_mask\":true}");
        assertThat(plugins.get(1).toString())
                .isEqualTo("{\"name\":\"RemoveBG\",\"support_gen_image\":true,\"support_gen_mask\":true}");
        assertThat(plugins.get(2).toString())
                .isEqualTo("{\"name\":\"RealESRGAN\",\"support_gen_image\":true,\"support_gen_mask\":false}");
        assertThat(config.get("interactiveSegModel").asText()).isEqualTo("fake_sam");
        assertThat(names(config.get("interactiveSegModels"))).containsExactly("fake_sam", "fake_sam_large");
        assertThat(config.get("removeBGModel").asText()).isEqualTo("fake_u2netp");
        assertThat(names(config.get("removeBGModels"))).containsExactly("fake_u2netp", "fake_rmbg");
        assertThat(config.get("realesrganModel").asText()).isEqualTo("fake_x4");
        assertThat(names(config.get("realesrganModels"))).containsExactly("fake_x4");
    }

    @Test
    void an_installed_plugin_that_is_off_is_not_listed_but_its_default_model_is_shown() {
        try (TestServer off = TestServer.withPlugins(modelDir, TestServer.settings(),
                List.of(FakePluginProvider.interactiveSeg(), FakePluginProvider.removeBg()))) {
            JsonNode config = TestServer.json(off.get("/api/v1/server-config"));

            assertThat(config.get("plugins")).isEmpty();
            assertThat(config.get("interactiveSegModel").asText()).isEqualTo("fake_sam");
            assertThat(names(config.get("interactiveSegModels"))).containsExactly("fake_sam", "fake_sam_large");
            assertThat(config.get("removeBGModel").asText()).isEqualTo("fake_u2netp");
            // No RealESRGAN installed: IOPaint's own choices, as before plugins existed.
            assertThat(config.get("realesrganModel").asText()).isEqualTo("realesr-general-x4v3");
            assertThat(names(config.get("realesrganModels"))).hasSize(3);
            assertThat(error(off.postJson("/api/v1/run_plugin_gen_mask",
                    maskBody("InteractiveSeg", gradientDataUrl(), List.of())), 422).get("detail").asText())
                    .startsWith("Plugin not found: 'InteractiveSeg' is not enabled");
        }
    }

    @Test
    void gen_mask_turns_one_selected_pixel_into_a_9x9_square_in_the_brush_colour() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/run_plugin_gen_mask",
                maskBody("InteractiveSeg", gradientDataUrl(), List.of(List.of(10, 7, 1))));

        DecodedImage mask = png(response);
        assertThat(mask.width()).isEqualTo(WIDTH);
        assertThat(mask.height()).isEqualTo(HEIGHT);
        assertThat(mask.hasAlpha()).isTrue();
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                boolean inSquare = x >= 6 && x <= 14 && y >= 3 && y <= 11;
                assertThat(pixel(mask, x, y)).as("(%d, %d)", x, y)
                        .containsExactly(inSquare ? new int[] {255, 203, 0, 186} : new int[] {0, 0, 0, 0});
            }
        }
        assertThat(interactiveSeg.lastRequest.get().clicks()).containsExactly(new Click(10, 7, true));
    }

    @Test
    void gen_mask_passes_positive_and_negative_clicks_in_order_with_iopaints_default_scale() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/run_plugin_gen_mask",
                maskBody("InteractiveSeg", gradientDataUrl(), List.of(List.of(3, 4, 1), List.of(3, 4, 0))));

        DecodedImage mask = png(response);
        assertThat(pixel(mask, 3, 4)).containsExactly(0, 0, 0, 0);
        assertThat(interactiveSeg.lastRequest.get().clicks())
                .containsExactly(new Click(3, 4, true), new Click(3, 4, false));
        assertThat(interactiveSeg.lastRequest.get().scale()).isEqualTo(2.0);
    }

    @Test
    void gen_mask_of_removebg_dilates_its_matte_by_four_pixels() {
        DecodedImage mask = png(server.postJson("/api/v1/run_plugin_gen_mask",
                maskBody("RemoveBG", gradientDataUrl(), List.of())));

        // The matte covers x 0..11; dilated by the 9x9 square it reaches x 15.
        assertThat(pixel(mask, 15, 0)).containsExactly(255, 203, 0, 186);
        assertThat(pixel(mask, 16, HEIGHT - 1)).containsExactly(0, 0, 0, 0);
    }

    @Test
    void gen_image_answers_the_plugins_cut_out_as_rgba_png_with_the_inputs_metadata() {
        RgbImage input = TestImages.gradient(WIDTH, HEIGHT);
        ImageMetadata metadata = new ImageMetadata(null, null, Map.of(ImageMetadata.PARAMETERS, "a red fox"));

        DecodedImage result = png(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RemoveBG", pngDataUrl(input, null, metadata), 1)));

        assertThat(result.width()).isEqualTo(WIDTH);
        for (int x : new int[] {0, 11, 12, 23}) {
            int[] in = input.rgb(x, 5);
            assertThat(pixel(result, x, 5)).as("x %d", x)
                    .containsExactly(255 - in[0], 255 - in[1], 255 - in[2], x < 12 ? 255 : 0);
        }
        assertThat(result.metadata().parameters()).hasValue("a red fox");
    }

    @Test
    void gen_image_without_plugin_alpha_stays_opaque_for_an_opaque_input() {
        RgbImage input = TestImages.gradient(WIDTH, HEIGHT);

        DecodedImage result = png(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RealESRGAN", gradientDataUrl(), 1)));

        assertThat(result.hasAlpha()).isFalse();
        int[] in = input.rgb(7, 9);
        assertThat(result.rgb().rgb(7, 9)).containsExactly(255 - in[0], 255 - in[1], 255 - in[2]);
        assertThat(upscaler.lastRequest.get().scale()).isEqualTo(1.0);
    }

    @Test
    void gen_image_without_plugin_alpha_gives_back_the_inputs_alpha() {
        RgbImage input = TestImages.gradient(WIDTH, HEIGHT);
        byte[] alpha = new byte[WIDTH * HEIGHT];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) (i % 7 * 40);
        }

        DecodedImage result = png(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RealESRGAN", pngDataUrl(input, alpha, ImageMetadata.NONE), 1)));

        assertThat(result.alpha()).isEqualTo(alpha);
        int[] in = input.rgb(20, 2);
        assertThat(result.rgb().rgb(20, 2)).containsExactly(255 - in[0], 255 - in[1], 255 - in[2]);
    }

    @Test
    void gen_image_of_another_size_gets_the_inputs_alpha_resized_to_it() {
        byte[] alpha = new byte[WIDTH * HEIGHT];
        Arrays.fill(alpha, (byte) 100);

        DecodedImage result = png(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RealESRGAN", pngDataUrl(TestImages.gradient(WIDTH, HEIGHT), alpha, ImageMetadata.NONE), 2)));

        assertThat(result.width()).isEqualTo(2 * WIDTH);
        assertThat(result.height()).isEqualTo(2 * HEIGHT);
        byte[] expected = new byte[4 * WIDTH * HEIGHT];
        Arrays.fill(expected, (byte) 100);
        assertThat(result.alpha()).isEqualTo(expected);
    }

    @Test
    void a_plugin_that_is_not_enabled_is_422_even_before_its_image_is_read() {
        JsonNode mask = error(server.postJson("/api/v1/run_plugin_gen_mask",
                maskBody("AnimeSeg", "not base64 at all!", List.of())), 422);
        JsonNode image = error(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("GFPGAN", gradientDataUrl(), 1)), 422);

        assertThat(mask.get("error").asText()).isEqualTo("PluginNotAvailableException");
        assertThat(mask.get("detail").asText()).startsWith("Plugin not found: 'AnimeSeg' is not enabled")
                .contains("[InteractiveSeg, RemoveBG, RealESRGAN]");
        assertThat(image.get("detail").asText()).startsWith("Plugin not found: 'GFPGAN'");
    }

    @Test
    void an_operation_the_plugin_does_not_support_is_422() {
        JsonNode mask = error(server.postJson("/api/v1/run_plugin_gen_mask",
                maskBody("RealESRGAN", gradientDataUrl(), List.of())), 422);
        JsonNode image = error(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("InteractiveSeg", gradientDataUrl(), 1)), 422);

        assertThat(mask.get("detail").asText()).startsWith("Plugin RealESRGAN does not support output mask");
        assertThat(image.get("detail").asText()).startsWith("Plugin InteractiveSeg does not support output image");
    }

    @Test
    void clicks_that_are_not_x_y_label_triples_are_400_saying_what_a_click_is() {
        String image = gradientDataUrl();
        List<Object> badClicks = List.of("10,7,1", List.of(10, 7, 1), List.of(List.of(10, 7)),
                List.of(List.of(10, 7, 1, 0)), List.of(List.of("10", 7, 1)), List.of(List.of(10, 7, 2)),
                List.of(List.of(10, 7, 1), List.of(1, 1, -1)));

        for (Object clicks : badClicks) {
            JsonNode body = error(server.postJson("/api/v1/run_plugin_gen_mask",
                    maskBody("InteractiveSeg", image, clicks)), 400);

            assertThat(body.get("error").asText()).as("%s", clicks).isEqualTo("UnsupportedInputException");
            assertThat(body.get("detail").asText()).as("%s", clicks)
                    .containsPattern("Field 'clicks' must be a list|Click [01] of 'clicks'")
                    .contains("label");
        }
    }

    @Test
    void broken_base64_a_broken_image_and_a_bad_scale_are_400() {
        JsonNode base64 = error(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RemoveBG", "data:image/png;base64,###not base64###", 1)), 400);
        JsonNode image = error(server.postJson("/api/v1/run_plugin_gen_mask", maskBody("InteractiveSeg",
                TestImages.dataUrl("not an image".getBytes(StandardCharsets.UTF_8), "image/png"), List.of())), 400);
        JsonNode scale = error(server.postJson("/api/v1/run_plugin_gen_image",
                imageBody("RealESRGAN", gradientDataUrl(), -2)), 400);

        assertThat(base64.get("detail").asText()).contains("Field 'image'").contains("base64");
        assertThat(image.get("detail").asText()).startsWith("The image could not be decoded");
        assertThat(scale.get("detail").asText()).contains("scale must be a positive number");
    }

    @Test
    void a_body_without_name_or_image_is_422_as_fastapi_validates_it() {
        JsonNode noImage = error(server.postJson("/api/v1/run_plugin_gen_mask", Map.of("name", "InteractiveSeg")), 422);

        assertThat(noImage.get("detail").asText()).isEqualTo("Field 'image' is required");
    }

    @Test
    void switch_plugin_model_loads_the_new_model_closes_the_old_and_server_config_shows_it() {
        int closedBefore = interactiveSeg.closed.get();
        try {
            HttpResponse<byte[]> response = server.postJson("/api/v1/switch_plugin_model",
                    Map.of("plugin_name", "InteractiveSeg", "model_name", "fake_sam_large"));

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("null");
            assertThat(TestServer.json(server.get("/api/v1/server-config")).get("interactiveSegModel").asText())
                    .isEqualTo("fake_sam_large");
            assertThat(interactiveSeg.loads).endsWith("fake_sam_large@cpu");
            assertThat(interactiveSeg.closed.get()).isEqualTo(closedBefore + 1);
        } finally {
            server.postJson("/api/v1/switch_plugin_model",
                    Map.of("plugin_name", "InteractiveSeg", "model_name", "fake_sam"));
        }
    }

    @Test
    void switching_to_a_model_the_plugin_lacks_is_422_listing_its_models_and_keeps_the_current_one() {
        JsonNode body = error(server.postJson("/api/v1/switch_plugin_model",
                Map.of("plugin_name", "RemoveBG", "model_name", "briaai/RMBG-1.4")), 422);

        assertThat(body.get("detail").asText()).contains("'briaai/RMBG-1.4'").contains("[fake_u2netp, fake_rmbg]");
        assertThat(TestServer.json(server.get("/api/v1/server-config")).get("removeBGModel").asText())
                .isEqualTo("fake_u2netp");
    }

    @Test
    void switching_a_plugin_that_is_not_enabled_does_nothing_and_answers_null_as_iopaint() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/switch_plugin_model",
                Map.of("plugin_name", "AnimeSeg", "model_name", "isnetis"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo("null");
    }

    @Test
    void an_image_above_the_upload_limit_is_413() {
        ServerSettings small = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, null, null, null,
                ServerSettings.DEFAULT_QUALITY, 4096, ImageCodec.DEFAULT_MAX_PIXELS,
                ServerSettings.DEFAULT_QUEUE_CAPACITY);
        try (TestServer limited = TestServer.withPlugins(modelDir, small, List.of(FakePluginProvider.removeBg()),
                ServerPlugins.REMOVE_BG)) {
            String big = TestImages.dataUrl(new byte[8192], "image/png");

            JsonNode body = error(limited.postJson("/api/v1/run_plugin_gen_image", imageBody("RemoveBG", big, 1)), 413);

            assertThat(body.get("detail").asText()).contains("upload limit of 4096 bytes");
        }
    }
}
