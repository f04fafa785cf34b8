package dev.iopaint.openai;

import static dev.iopaint.openai.FakeOpenAi.b64;
import static dev.iopaint.openai.FakeOpenAi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.UnsupportedInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ImageEditClientTest {
    private static final String KEY = "sk-test-very-secret";
    private static final byte[] IMAGE = "image-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MASK = "mask-bytes".getBytes(StandardCharsets.US_ASCII);
    private static final ImageEdit EDIT = new ImageEdit(IMAGE, MASK, "a red door", new EditSize(1024, 1024));

    private FakeOpenAi server;

    @BeforeEach
    void start() throws Exception {
        server = new FakeOpenAi();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private ImageEditClient client(String model, int maxRetries, Duration timeout) {
        return new ImageEditClient(new OpenAiSettings(KEY, java.net.URI.create(server.baseUrl()), model, timeout,
                maxRetries), Duration.ofMillis(20));
    }

    private ImageEditClient client() {
        return client("gpt-image-1", 2, Duration.ofSeconds(5));
    }

    @Test
    void posts_the_multipart_edit_and_returns_the_b64_image() {
        server.then(b64(new byte[] {1, 2, 3}));

        byte[] answer = client().edit(EDIT);

        assertThat(answer).containsExactly(1, 2, 3);
        FakeOpenAi.Received request = server.received().get(0);
        assertThat(request.method()).isEqualTo("POST");
        assertThat(request.path()).isEqualTo("/v1/images/edits");
        assertThat(request.headers()).containsEntry("authorization", "Bearer " + KEY);
        assertThat(request.headers().get("content-type")).startsWith("multipart/form-data; boundary=");
        assertThat(request.parts()).containsOnlyKeys("image", "mask", "prompt", "model", "n", "size");
        assertThat(request.parts().get("image")).isEqualTo(IMAGE);
        assertThat(request.parts().get("mask")).isEqualTo(MASK);
        assertThat(request.field("prompt")).isEqualTo("a red door");
        assertThat(request.field("model")).isEqualTo("gpt-image-1");
        assertThat(request.field("n")).isEqualTo("1");
        assertThat(request.field("size")).isEqualTo("1024x1024");
    }

    @Test
    void asks_dall_e_for_base64_and_downloads_a_url_answer_without_the_key() {
        String url = server.serve("out.png", new byte[] {9, 8, 7});
        server.then(json(200, "{\"data\":[{\"url\":\"" + url + "\"}]}"));

        byte[] answer = client("dall-e-2", 0, Duration.ofSeconds(5)).edit(EDIT);

        assertThat(answer).containsExactly(9, 8, 7);
        assertThat(server.received().get(0).field("response_format")).isEqualTo("b64_json");
        FakeOpenAi.Received download = server.received().get(1);
        assertThat(download.path()).isEqualTo("/files/out.png");
        assertThat(download.headers()).doesNotContainKey("authorization");
    }

    @Test
    void a_refused_key_is_reported_without_the_key() {
        server.then(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"));

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("refused the API key (HTTP 401)")
                .hasMessageContaining("Incorrect API key provided: ***")
                .hasMessageContaining("OPENAI_API_KEY")
                .hasMessageNotContaining(KEY);
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void a_bad_request_passes_on_what_the_api_said() {
        server.then(json(400, "{\"error\":{\"message\":\"Invalid size: must be 1024x1024\",\"type\":\"x\"}}"));

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("HTTP 400").hasMessageContaining("Invalid size: must be 1024x1024");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void a_rate_limit_waits_as_long_as_retry_after_says_then_succeeds() {
        server.then(json(429, "{\"error\":{\"message\":\"slow down\"}}", Map.of("Retry-After", "1")))
                .then(b64(new byte[] {5}));

        long start = System.nanoTime();
        byte[] answer = client().edit(EDIT);
        long waited = Duration.ofNanos(System.nanoTime() - start).toMillis();

        assertThat(answer).containsExactly(5);
        assertThat(waited).isGreaterThanOrEqualTo(1000);
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void a_rate_limit_asking_for_too_long_a_wait_fails_at_once() {
        server.then(json(429, "{\"error\":{\"message\":\"quota\"}}", Map.of("Retry-After", "3600")));

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("wait 3600 s").hasMessageContaining("quota");
        assertThat(server.received()).hasSize(1);
    }

    @Test
    void server_errors_are_retried_a_bounded_number_of_times_then_fail() {
        for (int i = 0; i < 3; i++) {
            server.then(json(503, "{\"error\":{\"message\":\"overloaded\"}}"));
        }

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("HTTP 503").hasMessageContaining("3 tries").hasMessageContaining("overloaded");
        assertThat(server.received()).hasSize(3);
    }

    @Test
    void a_server_error_then_success_returns_the_image() {
        server.then(json(500, "oops")).then(b64(new byte[] {4}));

        assertThat(client().edit(EDIT)).containsExactly(4);
    }

    @Test
    void a_stalled_server_times_out_after_the_retries() {
        server.then(FakeOpenAi.stall(2000)).then(FakeOpenAi.stall(2000));

        assertThatThrownBy(() -> client("gpt-image-1", 1, Duration.ofMillis(300)).edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("did not answer").hasMessageContaining("2 tries")
                .hasMessageContaining("OPENAI_TIMEOUT_S");
        assertThat(server.received()).hasSize(2);
    }

    @Test
    void a_malformed_answer_is_a_clear_error() {
        server.then(json(200, "{\"data\": [")).then(json(200, "{\"data\":[{\"revised_prompt\":\"x\"}]}"));

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class).hasMessageContaining("malformed answer")
                .hasMessageContaining("not JSON");
        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("neither data[0].b64_json nor data[0].url");
    }

    @Test
    void an_unknown_error_quotes_a_plain_text_body_without_the_key() {
        server.then(json(404, "no route for key " + KEY));

        assertThatThrownBy(() -> client().edit(EDIT))
                .isInstanceOf(InferenceFailedException.class)
                .hasMessageContaining("HTTP 404").hasMessageContaining("no route for key ***")
                .hasMessageNotContaining(KEY);
    }
}
