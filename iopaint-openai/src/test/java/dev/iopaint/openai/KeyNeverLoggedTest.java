package dev.iopaint.openai;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static dev.iopaint.openai.FakeOpenAi.b64;
import static dev.iopaint.openai.FakeOpenAi.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

class KeyNeverLoggedTest {
    private static final String KEY = "sk-never-shown-4f9a";
    private final ByteArrayOutputStream logs = new ByteArrayOutputStream();
    private PrintStream originalErr;
    private FakeOpenAi server;

    @BeforeEach
    void captureStandardError() throws Exception {
        server = new FakeOpenAi();
        originalErr = System.err;
        System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8));
    }

    @AfterEach
    void restore() {
        System.setErr(originalErr);
        server.close();
    }

    @Test
    void the_api_key_appears_in_no_log_line_and_no_error_whatever_the_server_answers(@TempDir Path models) {
        byte[] answer = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS).encode(RgbImage.blank(1024, 1024), null,
                ImageFormat.PNG, 100, null);
        server.then(json(401, "{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}"))
                .then(json(400, "{\"error\":{\"message\":\"bad size for key " + KEY + "\"}}"))
                .then(json(429, "{}", Map.of("Retry-After", "1")))
                .then(b64(answer));
        Map<String, String> environment = Map.of("OPENAI_API_KEY", KEY, "OPENAI_BASE_URL", server.baseUrl(),
                "AIE_DATA_DIR", models.resolve("data").toString(), "AIE_RATE_LIMIT_SECONDS", "0");
        StringBuilder errors = new StringBuilder();

        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model("openai-compat")
                .environment(environment).build()) {
            for (String prompt : new String[] {"one", "two", "three"}) {
                Throwable failure = catchThrowable(() -> iopaint.inpaint(RgbImage.blank(32, 32), mask(),
                        InpaintRequest.builder().prompt(prompt).build()));
                if (failure != null) {
                    assertThat(failure).isInstanceOf(IopaintException.class);
                    errors.append(failure).append('\n');
                }
            }
        }

        String logged = logs.toString(StandardCharsets.UTF_8);
        assertThat(logged).as("the module logged something").contains("openai-compat");
        assertThat(logged).doesNotContain(KEY);
        assertThat(errors.toString()).doesNotContain(KEY);
        assertThat(errors.toString()).contains("Incorrect API key provided");
        assertThat(server.received()).hasSize(4);
    }

    private static Mask mask() {
        Mask mask = Mask.empty(32, 32);
        mask.values()[5 * 32 + 5] = (byte) 255;
        return mask;
    }
}
