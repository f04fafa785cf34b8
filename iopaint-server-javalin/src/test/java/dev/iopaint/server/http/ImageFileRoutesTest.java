package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** inputimage, save_image and gen-info: the endpoints that move image files. */
class ImageFileRoutesTest {
    @TempDir
    Path work;

    private Path models() throws IOException {
        return Files.createDirectories(work.resolve("models"));
    }

    private static byte[] png() {
        return TestImages.png(TestImages.gradient(8, 6));
    }

    @Test
    void inputimage_without_input_answers_200_with_a_json_detail_as_iopaint_does() throws IOException {
        try (TestServer server = TestServer.start(models(), TestServer.settings())) {
            HttpResponse<byte[]> response = server.get("/api/v1/inputimage");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(TestServer.json(response).get("detail").asText()).startsWith("No input image configured");
        }
    }

    @Test
    void inputimage_sends_the_input_file_with_its_name_and_type() throws IOException {
        Path input = Files.write(work.resolve("photo 1.png"), png());
        try (TestServer server = TestServer.start(models(), TestServer.settings(input, null, null))) {
            HttpResponse<byte[]> response = server.get("/api/v1/inputimage");

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type")).hasValue("image/png");
            assertThat(response.headers().firstValue("Content-Disposition"))
                    .hasValue("inline; filename=\"photo 1.png\"");
            assertThat(response.body()).isEqualTo(png());
        }
    }

    @Test
    void inputimage_names_non_ascii_files_for_every_browser() {
        assertThat(ImageFiles.inlineDisposition("café.jpg"))
                .isEqualTo("inline; filename=\"caf_.jpg\"; filename*=UTF-8''caf%C3%A9.jpg");
    }

    @Test
    void inputimage_with_an_input_folder_answers_404() throws IOException {
        Path folder = Files.createDirectories(work.resolve("images"));
        try (TestServer server = TestServer.start(models(),
                TestServer.settings(folder, null, work.resolve("out")))) {
            HttpResponse<byte[]> response = server.get("/api/v1/inputimage");

            assertThat(response.statusCode()).isEqualTo(404);
            assertThat(TestServer.json(response).get("detail").asText()).startsWith("Input image not found");
        }
    }

    @Test
    void save_image_writes_the_upload_under_its_own_name() throws IOException {
        Path output = work.resolve("output");
        try (TestServer server = TestServer.start(models(), TestServer.settings(null, null, output))) {
            assertThat(output).isDirectory();

            HttpResponse<byte[]> response = server.postFile("/api/v1/save_image", "file", "result (1).png", png());

            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(new String(response.body())).isEqualTo("null");
            assertThat(output.resolve("result (1).png")).hasBinaryContent(png());
            try (Stream<Path> files = Files.list(output)) {
                assertThat(files).hasSize(1);
            }
        }
    }

    @Test
    void save_image_without_an_output_folder_answers_400_with_a_clear_message() throws IOException {
        try (TestServer server = TestServer.start(models(), TestServer.settings())) {
            HttpResponse<byte[]> response = server.postFile("/api/v1/save_image", "file", "a.png", png());

            assertThat(response.statusCode()).isEqualTo(400);
            assertThat(TestServer.json(response).get("errors").asText()).contains("--output-dir");
        }
    }

    @Test
    void save_image_refuses_every_name_that_could_leave_the_folder_and_writes_nothing() throws IOException {
        Path output = work.resolve("output");
        try (TestServer server = TestServer.start(models(), TestServer.settings(null, null, output))) {
            for (String name : new String[] {"../escape.png", "..", ".", "/tmp/abs.png", "sub/x.png", "..\\\\x.png",
                    "", "a%00b.png"}) {
                String sent = name.replace("%00", "\u0000");
                HttpResponse<byte[]> response = server.postFile("/api/v1/save_image", "file", sent, png());

                assertThat(response.statusCode()).as(name).isIn(400, 422);
                assertThat(TestServer.json(response).has("errors")).as(name).isTrue();
            }
            try (Stream<Path> files = Files.list(output)) {
                assertThat(files).isEmpty();
            }
            assertThat(work.resolve("escape.png")).doesNotExist();
            assertThat(Path.of("/tmp/abs.png")).doesNotExist();
        }
    }

    @Test
    void save_image_without_a_file_field_is_a_validation_error() throws IOException {
        Path output = work.resolve("output");
        try (TestServer server = TestServer.start(models(), TestServer.settings(null, null, output))) {
            HttpResponse<byte[]> response = server.postFile("/api/v1/save_image", "other", "a.png", png());

            assertThat(response.statusCode()).isEqualTo(422);
        }
    }

    @Test
    void gen_info_reads_the_prompts_from_a_pngs_parameters() throws IOException {
        String parameters = "a red fox, snow\nNegative prompt: blurry, low quality\nSteps: 20, Sampler: Euler a";
        byte[] withText = TestImages.encode(TestImages.gradient(8, 6), null, ImageFormat.PNG,
                new ImageMetadata(null, null, Map.of("parameters", parameters)));
        try (TestServer server = TestServer.start(models(), TestServer.settings())) {
            JsonNode info = TestServer.json(server.postFile("/api/v1/gen-info", "file", "x.png", withText));
            JsonNode none = TestServer.json(server.postFile("/api/v1/gen-info", "file", "y.png", png()));
            HttpResponse<byte[]> notImage = server.postFile("/api/v1/gen-info", "file", "z.png", "text".getBytes());

            assertThat(info.get("prompt").asText()).isEqualTo("a red fox, snow");
            assertThat(info.get("negative_prompt").asText()).isEqualTo("blurry, low quality");
            assertThat(none.get("prompt").asText()).isEmpty();
            assertThat(none.get("negative_prompt").asText()).isEmpty();
            assertThat(notImage.statusCode()).isEqualTo(400);
        }
    }

    @Test
    void gen_info_splits_like_iopaint() {
        assertThat(ToolRoutes.prompts("only a prompt  ")).containsEntry("prompt", "only a prompt")
                .containsEntry("negative_prompt", "");
        assertThat(ToolRoutes.prompts("p\nNegative prompt: n1\nmore\nNegative prompt: n2"))
                .containsEntry("prompt", "p").containsEntry("negative_prompt", "n1");
    }
}
