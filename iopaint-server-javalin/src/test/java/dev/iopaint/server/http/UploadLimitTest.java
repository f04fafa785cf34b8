package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.server.ServerSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class UploadLimitTest {
    private static final long LIMIT = 64 * 1024;
    private static final long MAX_PIXELS = 1000;

    @TempDir
    static Path work;
    static Path output;
    static TestServer server;

    @BeforeAll
    static void start() throws IOException {
        output = work.resolve("output");
        ServerSettings settings = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, null, null, output, 100, LIMIT,
                MAX_PIXELS, 4);
        server = TestServer.start(Files.createDirectories(work.resolve("models")), settings);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Answer(int status, JsonNode body) {
    }

    private static void assertTooLarge(HttpResponse<byte[]> response) {
        assertTooLarge(new Answer(response.statusCode(), TestServer.json(response)));
    }

    private static void assertTooLarge(Answer answer) {
        assertThat(answer.status()).isEqualTo(413);
        JsonNode error = answer.body();
        assertThat(error.has("error")).isTrue();
        assertThat(error.has("detail")).isTrue();
        assertThat(error.has("errors")).isTrue();
    }

    /**
     * A declared length over the limit is refused before the body is read: a client that asks first
     * ({@code Expect: 100-continue}, as curl does for bodies over 1 MB) gets the 413 without uploading anything.
     * Written on a plain socket because JDK 17's HttpClient waits forever for a 100 that never comes.
     */
    private static Answer askingFirst(String path, String contentType, byte[] body) {
        try (Socket socket = new Socket(server.uri("/").getHost(), server.uri("/").getPort())) {
            socket.setSoTimeout(10_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: localhost\r\nContent-Type: " + contentType
                    + "\r\nContent-Length: " + body.length + "\r\nExpect: 100-continue\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(answer.substring(9, 12));
            String json = answer.substring(answer.indexOf('{'), answer.lastIndexOf('}') + 1);
            return new Answer(status, TestServer.JSON.readTree(json));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void a_json_body_over_the_limit_gets_413_with_the_error_body() throws IOException {
        String big = "A".repeat((int) LIMIT + 10);

        assertTooLarge(askingFirst("/api/v1/inpaint", "application/json",
                TestServer.JSON.writeValueAsBytes(Map.of("image", big, "mask", "AAAA"))));
        assertTooLarge(askingFirst("/api/v1/adjust_mask", "application/json",
                TestServer.JSON.writeValueAsBytes(Map.of("mask", big, "operate", "expand"))));
    }

    @Test
    void a_multipart_upload_over_the_limit_gets_413_and_nothing_is_written() throws IOException {
        Answer response = askingFirst("/api/v1/save_image",
                "multipart/form-data; boundary=" + TestServer.BOUNDARY,
                TestServer.multipart("file", "big.png", new byte[(int) LIMIT + 10]));

        assertTooLarge(response);
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void bodies_without_a_content_length_are_cut_off_at_the_limit_with_413() throws IOException {
        byte[] multipart = TestServer.multipart("file", "big.png", new byte[(int) LIMIT + 10]);
        byte[] json = TestServer.JSON.writeValueAsBytes(Map.of("image", "A".repeat((int) LIMIT), "mask", "AAAA"));

        assertTooLarge(chunked("/api/v1/save_image", "multipart/form-data; boundary=" + TestServer.BOUNDARY,
                multipart));
        HttpResponse<byte[]> tooLargeJson = chunked("/api/v1/inpaint", "application/json", json);
        assertTooLarge(tooLargeJson);
        assertThat(TestServer.json(tooLargeJson).get("errors").asText()).contains("upload limit of 65536 bytes");
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files).isEmpty();
        }
    }

    /** Sends the body as a stream of unknown length, so it goes chunked. */
    private static HttpResponse<byte[]> chunked(String path, String contentType, byte[] body) {
        return server.send(HttpRequest.newBuilder(server.uri(path)).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());
    }

    @Test
    void an_image_over_the_pixel_limit_gets_413() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint", TestImages.inpaintBody(
                TestImages.base64(TestImages.png(TestImages.gradient(40, 30))),
                TestImages.base64(TestImages.squareMask(40, 30, 0, 0, 4))));

        assertTooLarge(response);
        assertThat(TestServer.json(response).get("errors").asText()).contains("1000 pixels");
    }

    @Test
    void bodies_within_the_limit_still_work() {
        HttpResponse<byte[]> response = server.postJson("/api/v1/inpaint", TestImages.inpaintBody(
                TestImages.base64(TestImages.png(TestImages.gradient(20, 20))),
                TestImages.base64(TestImages.squareMask(20, 20, 5, 5, 4))));

        assertThat(response.statusCode()).isEqualTo(200);
    }
}
