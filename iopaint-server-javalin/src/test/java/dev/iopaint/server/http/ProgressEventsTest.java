package dev.iopaint.server.http;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressEventsTest {
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

    /** Reads lines until {@code last} has been read; the stream is then closed. */
    private static List<String> readUntil(BufferedReader events, String last) throws Exception {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = events.readLine()) != null) {
            lines.add(line);
            if (line.equals(last)) {
                break;
            }
        }
        return lines;
    }

    private static BufferedReader connect() throws Exception {
        HttpResponse<InputStream> response = server.http.sendAsync(
                HttpRequest.newBuilder(server.uri(ProgressEvents.PATH)).header("Accept", "text/event-stream").GET()
                        .build(), HttpResponse.BodyHandlers.ofInputStream()).get(5, TimeUnit.SECONDS);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(readUntil(reader, ": connected")).last().isEqualTo(": connected");
        return reader;
    }

    @Test
    void a_listener_hears_diffusion_finish_after_an_inpaint() throws Exception {
        try (BufferedReader events = connect()) {
            var response = server.postJson("/api/v1/inpaint", TestImages.inpaintBody(
                    TestImages.base64(TestImages.png(TestImages.gradient(16, 16))),
                    TestImages.base64(TestImages.squareMask(16, 16, 4, 4, 4))));
            assertThat(response.statusCode()).isEqualTo(200);

            List<String> lines = readUntil(events, "data: {}");

            assertThat(lines).containsSubsequence("event: diffusion_finish", "data: {}");
        }
    }

    @Test
    void steps_published_by_a_model_reach_listeners_as_diffusion_progress() throws Exception {
        try (BufferedReader events = connect()) {
            server.server.progress().publishStep(0);
            server.server.progress().publishStep(1);

            List<String> lines = readUntil(events, "data: {\"step\":1}");

            assertThat(lines).containsSubsequence("event: diffusion_progress", "data: {\"step\":0}",
                    "event: diffusion_progress", "data: {\"step\":1}");
        }
    }

    @Test
    void a_listener_that_went_away_is_dropped_on_the_next_event() throws Exception {
        ProgressEvents events = server.server.progress();
        // Streams the other tests closed are still counted until an event finds them gone.
        publishUntilNoListeners(events);
        BufferedReader reader = connect();
        assertThat(events.listeners()).isEqualTo(1);

        reader.close();
        publishUntilNoListeners(events);

        assertThat(events.listeners()).isZero();
    }

    private static void publishUntilNoListeners(ProgressEvents events) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (events.listeners() > 0 && System.nanoTime() < deadline) {
            events.publishStep(7);
            Thread.sleep(20);
        }
    }
}
