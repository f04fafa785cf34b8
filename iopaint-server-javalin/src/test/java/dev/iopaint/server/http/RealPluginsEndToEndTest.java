package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.plugins.TestWeights;
import dev.iopaint.server.ServerPlugins;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The real plugins, found on the classpath as {@code iopaint start} finds them and run on their real weights
 * (InteractiveSeg's sam_mini, RemoveBG's u2netp), called over HTTP as IOPaint's web client calls them. The models
 * load once for the class.
 */
class RealPluginsEndToEndTest {
    @TempDir
    static Path modelDir;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        Path checkpoints = new ModelDirectory(modelDir).torchCheckpoints();
        Files.createDirectories(checkpoints);
        Files.copy(TestWeights.samEncoder(), checkpoints.resolve("sam_mini_encoder.onnx"));
        Files.copy(TestWeights.samDecoder(), checkpoints.resolve("sam_mini_decoder.onnx"));
        Files.copy(TestWeights.u2netp(), checkpoints.resolve("u2netp.onnx"));
        server = TestServer.withPlugins(modelDir, TestServer.settings(),
                PluginRegistry.discover(RealPluginsEndToEndTest.class.getClassLoader()).providers(),
                ServerPlugins.INTERACTIVE_SEG, ServerPlugins.REMOVE_BG);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    private static String pngDataUrl(PluginScene scene) {
        return TestImages.dataUrl(TestImages.png(scene.image()), "image/png");
    }

    /** {name, image, scale} as the web client sends it for RemoveBG. */
    private static Map<String, Object> imageBody(String image) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", ServerPlugins.REMOVE_BG);
        body.put("image", image);
        body.put("scale", 2.0);
        return body;
    }

    /** {name, image, clicks} as the web client sends it. */
    private static Map<String, Object> maskBody(String image, List<List<Number>> clicks) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("name", ServerPlugins.INTERACTIVE_SEG);
        body.put("image", image);
        body.put("clicks", clicks);
        return body;
    }

    private static DecodedImage png(HttpResponse<byte[]> response) {
        assertThat(response.statusCode()).as(new String(response.body(), StandardCharsets.UTF_8)).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        DecodedImage image = TestImages.CODEC.decode(response.body());
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        return image;
    }

    /** The pixels whose alpha is above {@code floor}, row-major. */
    private static boolean[] alphaAbove(DecodedImage image, int floor) {
        assertThat(image.hasAlpha()).isTrue();
        boolean[] selected = new boolean[image.alpha().length];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = (image.alpha()[i] & 0xFF) > floor;
        }
        return selected;
    }

    private static long nanos(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    @Test
    void server_config_lists_both_plugins_with_their_models() {
        JsonNode config = TestServer.json(server.get("/api/v1/server-config"));

        assertThat(config.get("plugins").toString()).isEqualTo("["
                + "{\"name\":\"InteractiveSeg\",\"support_gen_image\":false,\"support_gen_mask\":true},"
                + "{\"name\":\"RemoveBG\",\"support_gen_image\":true,\"support_gen_mask\":true}]");
        assertThat(config.get("interactiveSegModel").asText()).isEqualTo("sam_mini");
        assertThat(config.get("interactiveSegModels").toString()).isEqualTo("[\"sam_mini\"]");
        assertThat(config.get("removeBGModel").asText()).isEqualTo("u2netp");
        assertThat(config.get("removeBGModels").toString()).isEqualTo("[\"u2netp\"]");
    }

    @Test
    void a_click_on_the_disc_answers_the_disc_in_the_brush_colour_dilated_9x9() {
        PluginScene scene = PluginScene.twoShapes(640, 480);

        DecodedImage mask = png(server.postJson("/api/v1/run_plugin_gen_mask", maskBody(pngDataUrl(scene),
                List.of(List.of(scene.discX(), scene.discY(), 1)))));

        assertThat(mask.width()).isEqualTo(640);
        assertThat(mask.height()).isEqualTo(480);
        boolean[] selected = alphaAbove(mask, 0);
        double iou = PluginScene.iou(selected, scene.disc());
        System.out.printf("RealPluginsEndToEnd: disc IoU %.4f over HTTP (dilated 9x9)%n", iou);
        assertThat(iou).isGreaterThan(0.85);
        assertThat(PluginScene.covered(selected, scene.square())).isLessThan(0.01);
        int centre = (int) scene.discY() * 640 + (int) scene.discX();
        assertThat(mask.rgb().rgb((int) scene.discX(), (int) scene.discY())).containsExactly(255, 203, 0);
        assertThat(mask.alpha()[centre] & 0xFF).isEqualTo(186);
    }

    @Test
    void the_same_request_again_skips_the_encoder_and_is_at_least_3x_faster() {
        // A size no other test sends, so the first request really encodes.
        PluginScene scene = PluginScene.twoShapes(601, 449);
        Map<String, Object> body = maskBody(pngDataUrl(scene), List.of(List.of(scene.discX(), scene.discY(), 1)));

        long first = nanos(() -> png(server.postJson("/api/v1/run_plugin_gen_mask", body)));
        long again = Long.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            again = Math.min(again, nanos(() -> png(server.postJson("/api/v1/run_plugin_gen_mask", body))));
        }

        System.out.printf("RealPluginsEndToEnd: first click %.1f ms, same request again %.1f ms (%.1fx) over HTTP%n",
                first / 1e6, again / 1e6, (double) first / again);
        assertThat(first).isGreaterThanOrEqualTo(3 * again);
    }

    @Test
    void remove_bg_answers_the_object_cut_out_with_its_colours_where_it_is_opaque() {
        PluginScene scene = PluginScene.salient(640, 480);

        DecodedImage cutOut = png(server.postJson("/api/v1/run_plugin_gen_image", imageBody(pngDataUrl(scene))));

        assertThat(cutOut.width()).isEqualTo(640);
        assertThat(cutOut.height()).isEqualTo(480);
        double iou = PluginScene.iou(alphaAbove(cutOut, 127), scene.disc());
        System.out.printf("RealPluginsEndToEnd: RemoveBG alpha IoU %.4f with the disc over HTTP%n", iou);
        assertThat(iou).isGreaterThan(0.9);
        byte[] input = scene.image().pixels();
        byte[] output = cutOut.rgb().pixels();
        int opaque = 0;
        for (int i = 0; i < cutOut.alpha().length; i++) {
            int alpha = cutOut.alpha()[i] & 0xFF;
            opaque += alpha == 255 ? 1 : 0;
            for (int c = 3 * i; c < 3 * i + 3; c++) {
                // rembg's cut-out fades each colour by the alpha (PIL's composite onto transparent black).
                double faded = (input[c] & 0xFF) * alpha / 255.0;
                assertThat(output[c] & 0xFF).as("value %d of pixel %d, alpha %d", c % 3, i, alpha)
                        .isCloseTo((int) Math.round(faded), within(alpha == 255 ? 0 : 1));
            }
        }
        assertThat(opaque).as("opaque pixels").isPositive();
    }

    @Test
    void remove_bg_on_an_rgba_png_answers_its_own_alpha_not_the_inputs() {
        PluginScene scene = PluginScene.salient(640, 480);
        byte[] inputAlpha = new byte[640 * 480];
        Arrays.fill(inputAlpha, (byte) 200);
        String rgba = TestImages.dataUrl(TestImages.encode(scene.image(), inputAlpha, ImageFormat.PNG,
                ImageMetadata.NONE), "image/png");

        DecodedImage fromRgba = png(server.postJson("/api/v1/run_plugin_gen_image", imageBody(rgba)));
        DecodedImage fromRgb = png(server.postJson("/api/v1/run_plugin_gen_image", imageBody(pngDataUrl(scene))));

        assertThat(fromRgba.alpha()).isEqualTo(fromRgb.alpha());
        assertThat(fromRgba.rgb().pixels()).isEqualTo(fromRgb.rgb().pixels());
        assertThat(PluginScene.iou(alphaAbove(fromRgba, 127), scene.disc())).isGreaterThan(0.9);
    }
}
