package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FileManagerRoutesTest {
    @TempDir
    static Path work;
    static Path input;
    static Path masks;
    static Path output;
    static TestServer server;
    static byte[] wide;

    @BeforeAll
    static void start() throws IOException {
        input = Files.createDirectories(work.resolve("input"));
        masks = Files.createDirectories(work.resolve("masks"));
        output = work.resolve("output");
        wide = TestImages.png(TestImages.gradient(40, 20));
        Files.write(input.resolve("b-wide.png"), wide);
        Files.write(input.resolve("a-photo.JPG"), TestImages.encode(TestImages.gradient(12, 30), null,
                ImageFormat.JPEG, ImageMetadata.NONE));
        Files.write(input.resolve("c.Jpeg"), TestImages.encode(TestImages.gradient(5, 5), null, ImageFormat.JPEG,
                ImageMetadata.NONE));
        Files.writeString(input.resolve("notes.txt"), "not an image");
        Files.write(input.resolve("d.webp"), new byte[] {1, 2, 3});
        Files.createDirectories(input.resolve("sub.png"));
        Files.write(input.resolve("sub.png").resolve("nested.png"), wide);
        Files.setLastModifiedTime(input.resolve("b-wide.png"), FileTime.fromMillis(1_700_000_000_500L));
        Files.write(masks.resolve("b-wide.png"), TestImages.squareMask(40, 20, 0, 0, 5));
        Files.writeString(work.resolve("secret.png"), "outside the folders");
        server = TestServer.start(Files.createDirectories(work.resolve("models")),
                TestServer.settings(input, masks, output));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static List<String> names(JsonNode medias) {
        List<String> names = new ArrayList<>();
        medias.forEach(media -> names.add(media.get("name").asText()));
        return names;
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Test
    void server_config_turns_the_file_manager_and_auto_saving_on() {
        JsonNode config = TestServer.json(server.get("/api/v1/server-config"));

        assertThat(config.get("enableFileManager").asBoolean()).isTrue();
        assertThat(config.get("enableAutoSaving").asBoolean()).isTrue();
    }

    @Test
    void medias_lists_the_images_directly_in_a_folder_sorted_with_header_sizes_and_times() {
        HttpResponse<byte[]> response = server.get("/api/v1/medias?tab=input");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode medias = TestServer.json(response);
        assertThat(names(medias)).containsExactly("a-photo.JPG", "b-wide.png", "c.Jpeg");
        JsonNode wideMedia = medias.get(1);
        List<String> fields = new ArrayList<>();
        wideMedia.fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("name", "height", "width", "ctime", "mtime");
        assertThat(wideMedia.get("width").asInt()).isEqualTo(40);
        assertThat(wideMedia.get("height").asInt()).isEqualTo(20);
        assertThat(wideMedia.get("mtime").asDouble()).isEqualTo(1_700_000_000.5);
        assertThat(wideMedia.get("ctime").asDouble()).isPositive();
        assertThat(medias.get(0).get("width").asInt()).isEqualTo(12);
        assertThat(medias.get(0).get("height").asInt()).isEqualTo(30);
    }

    @Test
    void medias_lists_the_mask_folder_and_an_output_folder_that_is_still_empty() {
        assertThat(names(TestServer.json(server.get("/api/v1/medias?tab=mask")))).containsExactly("b-wide.png");
        assertThat(TestServer.json(server.get("/api/v1/medias?tab=output"))).isEmpty();
    }

    @Test
    void an_unknown_tab_is_a_validation_error() {
        HttpResponse<byte[]> response = server.get("/api/v1/medias?tab=secrets");

        assertThat(response.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(response).get("errors").asText()).contains("tab not found");
    }

    @Test
    void media_file_sends_the_file_with_the_content_type_of_its_bytes() {
        HttpResponse<byte[]> png = server.get("/api/v1/media_file?tab=input&filename=b-wide.png");
        HttpResponse<byte[]> jpeg = server.get("/api/v1/media_file?tab=input&filename=a-photo.JPG");

        assertThat(png.statusCode()).isEqualTo(200);
        assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
        assertThat(png.body()).isEqualTo(wide);
        assertThat(jpeg.headers().firstValue("Content-Type")).hasValue("image/jpeg");
    }

    @Test
    void media_file_refuses_traversal_and_reads_nothing_outside_the_folder() {
        for (String name : new String[] {"../secret.png", "..", "/etc/passwd", "sub.png/nested.png", "..%5Csecret.png",
                "%00.png", ""}) {
            HttpResponse<byte[]> response = server.get("/api/v1/media_file?tab=input&filename=" + name);

            assertThat(response.statusCode()).as(name).isEqualTo(400);
            assertThat(new String(response.body())).as(name).doesNotContain("outside the folders");
        }
    }

    @Test
    void media_file_answers_422_for_a_missing_file_and_400_for_a_non_image() {
        HttpResponse<byte[]> missing = server.get("/api/v1/media_file?tab=input&filename=nope.png");
        HttpResponse<byte[]> text = server.get("/api/v1/media_file?tab=input&filename=notes.txt");

        assertThat(missing.statusCode()).isEqualTo(422);
        assertThat(TestServer.json(missing).get("errors").asText()).contains("file not found");
        assertThat(text.statusCode()).isEqualTo(400);
    }

    @Test
    void a_thumbnail_keeps_the_aspect_ratio_and_is_cached_under_iopaints_md5_name() throws IOException {
        HttpResponse<byte[]> response = server.get(
                "/api/v1/media_thumbnail_file?tab=input&filename=b-wide.png&width=20&height=999");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("image/jpeg");
        assertThat(response.headers().firstValue("X-Width")).hasValue("20");
        assertThat(response.headers().firstValue("X-Height")).hasValue("10");
        DecodedImage thumbnail = TestImages.CODEC.decode(response.body());
        assertThat(thumbnail.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(thumbnail.width()).isEqualTo(20);
        assertThat(thumbnail.height()).isEqualTo(10);
        Path cached = output.resolve("thumbnails").resolve(Thumbnails.cacheName(input, "b-wide.png", 20, 10));
        assertThat(cached).hasBinaryContent(response.body());

        HttpResponse<byte[]> again = server.get(
                "/api/v1/media_thumbnail_file?tab=input&filename=b-wide.png&width=20&height=0");
        assertThat(again.body()).isEqualTo(response.body());
    }

    @Test
    void thumbnail_size_comes_from_the_height_when_the_width_is_0_and_defaults_to_256_wide() {
        HttpResponse<byte[]> byHeight = server.get(
                "/api/v1/media_thumbnail_file?tab=input&filename=a-photo.JPG&width=0&height=15");
        HttpResponse<byte[]> byDefault = server.get(
                "/api/v1/media_thumbnail_file?tab=mask&filename=b-wide.png&width=0&height=0");

        assertThat(byHeight.headers().firstValue("X-Width")).hasValue("6");
        assertThat(byHeight.headers().firstValue("X-Height")).hasValue("15");
        assertThat(byDefault.headers().firstValue("X-Width")).hasValue("256");
        assertThat(byDefault.headers().firstValue("X-Height")).hasValue("128");
    }

    @Test
    void the_thumbnail_cache_name_is_the_md5_of_iopaints_key() {
        // md5("/data/input" + "cat.png" + "256x128" + "fit" + "None" + "90"), as Python's hashlib computes it.
        assertThat(Thumbnails.cacheName(Path.of("/data/input"), "cat.png", 256, 128))
                .isEqualTo("d0e93d815a29c62ac0a2c7bb8fd1c624.jpg");
    }

    @Test
    void thumbnails_refuse_traversal_and_bad_sizes() {
        HttpResponse<byte[]> traversal = server.get("/api/v1/media_thumbnail_file?tab=input&filename="
                + query("../secret.png") + "&width=10&height=10");
        HttpResponse<byte[]> negative = server.get(
                "/api/v1/media_thumbnail_file?tab=input&filename=b-wide.png&width=-1&height=10");
        HttpResponse<byte[]> missing = server.get("/api/v1/media_thumbnail_file?tab=input&filename=b-wide.png");

        assertThat(traversal.statusCode()).isEqualTo(400);
        assertThat(negative.statusCode()).isEqualTo(422);
        assertThat(missing.statusCode()).isEqualTo(422);
    }
}
