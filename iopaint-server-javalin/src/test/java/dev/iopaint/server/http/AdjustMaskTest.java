package dev.iopaint.server.http;

import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageFormat;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class AdjustMaskTest {
    private static final int SIZE = 9;

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

    /** A gray mask with the given values at (x, y) triples, 0 elsewhere, as a data URL. */
    private static String mask(int... xyValue) {
        byte[] pixels = new byte[SIZE * SIZE * 3];
        for (int i = 0; i < xyValue.length; i += 3) {
            int at = 3 * (xyValue[i + 1] * SIZE + xyValue[i]);
            pixels[at] = pixels[at + 1] = pixels[at + 2] = (byte) xyValue[i + 2];
        }
        return TestImages.dataUrl(TestImages.png(new RgbImage(SIZE, SIZE, pixels)), "image/png");
    }

    private static DecodedImage adjust(String mask, String operate, Integer kernelSize) {
        Map<String, Object> body = kernelSize == null ? Map.of("mask", mask, "operate", operate)
                : Map.of("mask", mask, "operate", operate, "kernel_size", kernelSize);
        HttpResponse<byte[]> response = server.postJson("/api/v1/adjust_mask", body);
        assertThat(response.statusCode()).as(new String(response.body())).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
        DecodedImage image = TestImages.CODEC.decode(response.body());
        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.hasAlpha()).isTrue();
        return image;
    }

    /** The pixels painted in the brush colour, as a picture of '#' and '.'. */
    private static String painted(DecodedImage image) {
        StringBuilder picture = new StringBuilder();
        for (int y = 0; y < SIZE; y++) {
            for (int x = 0; x < SIZE; x++) {
                int alpha = image.alpha()[y * SIZE + x] & 0xff;
                int[] rgb = image.rgb().rgb(x, y);
                if (alpha == 186) {
                    assertThat(rgb).containsExactly(255, 203, 0);
                    picture.append('#');
                } else {
                    assertThat(alpha).isZero();
                    assertThat(rgb).containsExactly(0, 0, 0);
                    picture.append('.');
                }
            }
            picture.append('\n');
        }
        return picture.toString();
    }

    @Test
    void expand_dilates_with_an_elliptical_kernel_of_2k_plus_1() {
        String result = painted(adjust(mask(4, 4, 255), "expand", 1));

        assertThat(result).isEqualTo("""
                .........
                .........
                .........
                ....#....
                ...###...
                ....#....
                .........
                .........
                .........
                """);
    }

    @Test
    void the_default_kernel_size_is_5() {
        String result = painted(adjust(mask(4, 4, 255), "expand", null));

        // OpenCV's 11x11 ellipse is 7 wide four rows from its centre, so only the corners stay unmasked.
        assertThat(result).isEqualTo("""
                .#######.
                #########
                #########
                #########
                #########
                #########
                #########
                #########
                .#######.
                """);
    }

    @Test
    void shrink_erodes_with_the_same_kernel() {
        int[] block = new int[27];
        int i = 0;
        for (int y = 3; y <= 5; y++) {
            for (int x = 3; x <= 5; x++) {
                block[i++] = x;
                block[i++] = y;
                block[i++] = 255;
            }
        }

        String result = painted(adjust(mask(block), "shrink", 1));

        assertThat(result).isEqualTo("""
                .........
                .........
                .........
                .........
                ....#....
                .........
                .........
                .........
                .........
                """);
    }

    @Test
    void reverse_inverts_after_binarising_at_127() {
        String result = painted(adjust(mask(0, 0, 127, 1, 0, 126, 2, 0, 255), "reverse", 5));

        // 127 is masked, so it becomes unmasked; 126 is not, so it becomes masked.
        assertThat(result.lines().findFirst()).hasValue(".#.######");
        assertThat(result.lines().skip(1)).allMatch(line -> line.equals("#########"));
    }

    @Test
    void an_unknown_operation_or_kernel_size_is_a_validation_error() {
        HttpResponse<byte[]> operation = server.postJson("/api/v1/adjust_mask",
                Map.of("mask", mask(), "operate", "grow"));
        HttpResponse<byte[]> kernel = server.postJson("/api/v1/adjust_mask",
                Map.of("mask", mask(), "operate", "expand", "kernel_size", -1));

        assertThat(operation.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(operation).get("errors").asText()).contains("expand, shrink or reverse");
        assertThat(kernel.statusCode()).isEqualTo(422);
    }
}
