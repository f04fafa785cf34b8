package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InpaintRoutesTest {
    private static final int W = 40;
    private static final int H = 30;

    @TempDir
    static Path modelDir;
    static TestServer server;

    @BeforeAll
    static void start() {
        server = TestServer.start(modelDir, TestServer.settings());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static byte[] mask() {
        return TestImages.squareMask(W, H, 10, 10, 8);
    }

    private static HttpResponse<byte[]> inpaint(byte[] image, byte[] mask) {
        return server.postJson("/api/v1/inpaint",
                TestImages.inpaintBody(TestImages.dataUrl(image, "image/png"), TestImages.dataUrl(mask, "image/png")));
    }

    private static int[] rgb(DecodedImage image, int x, int y) {
        return image.rgb().rgb(x, y);
    }

    @Test
    void a_png_with_alpha_comes_back_as_png_with_the_same_alpha_and_parameters_text() {
        RgbImage gradient = TestImages.gradient(W, H);
        byte[] alpha = new byte[W * H];
        for (int i = 0; i < alpha.length; i++) {
            alpha[i] = (byte) (i % 256);
        }
        ImageMetadata metadata = new ImageMetadata(null, null, Map.of("parameters", "a cat\nNegative prompt: dogs"));
        byte[] png = TestImages.encode(gradient, alpha, ImageFormat.PNG, metadata);

        HttpResponse<byte[]> response = inpaint(png, mask());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(response.headers().firstValue("X-Seed")).hasValue("1234");
        DecodedImage result = TestImages.CODEC.decode(response.body());
        assertThat(result.format()).isEqualTo(ImageFormat.PNG);
        assertThat(result.width()).isEqualTo(W);
        assertThat(result.height()).isEqualTo(H);
        assertThat(result.alpha()).isEqualTo(alpha);
        assertThat(result.metadata().parameters()).hasValue("a cat\nNegative prompt: dogs");
        // Outside the mask nothing changes; inside, cv2 filled the hole from its surroundings.
        assertThat(rgb(result, 0, 0)).isEqualTo(gradient.rgb(0, 0));
        assertThat(rgb(result, 30, 25)).isEqualTo(gradient.rgb(30, 25));
    }

    @Test
    void a_jpeg_comes_back_as_jpeg_with_its_exif_and_icc_profile() {
        // A little-endian TIFF block with one IFD entry: Orientation (0x0112) = 1.
        byte[] exif = {'I', 'I', 42, 0, 8, 0, 0, 0, 1, 0, 0x12, 0x01, 3, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0};
        byte[] icc = "a stand-in ICC profile".getBytes();
        byte[] jpeg = TestImages.encode(TestImages.gradient(W, H), null, ImageFormat.JPEG,
                new ImageMetadata(exif, icc, Map.of()));

        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint",
                TestImages.inpaintBody(TestImages.base64(jpeg), TestImages.base64(mask())));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        DecodedImage result = TestImages.CODEC.decode(response.body());
        assertThat(result.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(result.width()).isEqualTo(W);
        assertThat(result.metadata().exif()).isEqualTo(exif);
        assertThat(result.metadata().iccProfile()).isEqualTo(icc);
    }

    @Test
    void a_random_seed_is_drawn_for_minus_one_and_echoed_in_x_seed() {
        Map<String, Object> body = TestImages.inpaintBody(TestImages.base64(TestImages.png(TestImages.gradient(W, H))),
                TestImages.base64(mask()));
        body.put("sd_seed", -1);

        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint", body);

        long seed = Long.parseLong(response.headers().firstValue("X-Seed").orElseThrow());
        assertThat(seed).isBetween(1L, InpaintRequest.MAX_RANDOM_SEED);
    }

    @Test
    void the_default_seed_is_iopaints_42() {
        Map<String, Object> body = Map.of("image", TestImages.base64(TestImages.png(TestImages.gradient(W, H))),
                "mask", TestImages.base64(mask()));

        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint", body);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("X-Seed")).hasValue("42");
    }

    @Test
    void a_mask_of_another_size_is_refused_with_both_sizes() {
        HttpResponse<byte[]> response = inpaint(TestImages.png(TestImages.gradient(W, H)),
                TestImages.squareMask(W + 1, H, 0, 0, 4));

        assertThat(response.statusCode()).isEqualTo(400);
        JsonNode error = TestServer.json(response);
        assertThat(error.get("errors").asText()).contains("40x30").contains("41x30");
        assertThat(error.get("detail").asText()).isEqualTo(error.get("errors").asText());
    }

    @Test
    void broken_base64_is_refused_with_400() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint",
                Map.of("image", "data:image/png;base64,###not base64###", "mask", TestImages.base64(mask())));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("errors").asText()).contains("'image'").contains("base64");
    }

    @Test
    void bytes_that_are_not_an_image_are_refused_with_400() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint",
                Map.of("image", TestImages.base64("just some text".getBytes()), "mask", TestImages.base64(mask())));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(TestServer.json(response).get("errors").asText()).contains("could not be decoded");
    }

    @Test
    void a_missing_image_or_an_invalid_setting_is_a_validation_error() {
        HttpResponse<byte[]> noImage = server.postJson("/api/v1/inpaint", Map.of("mask", TestImages.base64(mask())));
        Map<String, Object> badScale = TestImages.inpaintBody(
                TestImages.base64(TestImages.png(TestImages.gradient(W, H))), TestImages.base64(mask()));
        badScale.put("sd_scale", 2.0);
        HttpResponse<byte[]> outOfRange = server.postJson("/api/v1/inpaint", badScale);

        assertThat(noImage.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(noImage).get("errors").asText()).contains("'image' is required");
        assertThat(outOfRange.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(outOfRange).get("errors").asText()).contains("sd_scale");
    }

    @Test
    void a_failed_request_leaves_the_server_serving() {
        server.postJson("/api/v1/inpaint", Map.of("image", "%%%", "mask", "%%%"));

        HttpResponse<byte[]> response = inpaint(TestImages.png(TestImages.gradient(W, H)), mask());

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
