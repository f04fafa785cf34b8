package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.server.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class InpaintQueueTest {
    @TempDir
    Path modelDir;
    /** Enough threads for every request to be in flight at once (the common pool may have just one). */
    private final ExecutorService clients = Executors.newFixedThreadPool(16);

    @AfterEach
    void stopClients() {
        clients.shutdownNow();
    }

    private CompletableFuture<HttpResponse<byte[]>> async(Supplier<HttpResponse<byte[]>> request) {
        return CompletableFuture.supplyAsync(request, clients);
    }

    private TestServer serve(int queueCapacity, FakeProvider... providers) {
        ServerSettings settings = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, null, null, null, 100,
                ServerSettings.DEFAULT_MAX_UPLOAD_BYTES, ImageCodec.DEFAULT_MAX_PIXELS, queueCapacity);
        Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model(providers[0].name)
                .registry(ModelRegistry.of(List.of(providers))).build();
        return TestServer.start(iopaint, settings);
    }

    private static Map<String, Object> body() {
        return TestImages.inpaintBody(TestImages.base64(TestImages.png(TestImages.gradient(24, 16))),
                TestImages.base64(TestImages.squareMask(24, 16, 4, 4, 6)));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out waiting for the server");
            }
            Thread.sleep(5);
        }
    }

    private static JsonNode queue(TestServer server) {
        return TestServer.json(server.get("/api/v1/health")).get("queue");
    }

    @Test
    void a_request_beyond_the_queue_capacity_gets_503_with_retry_after() throws Exception {
        FakeProvider gated = FakeProvider.gated("gated");
        try (TestServer server = serve(1, gated)) {
            CompletableFuture<HttpResponse<byte[]>> running = async(
                    () -> server.postJson("/api/v1/inpaint", body()));
            await(() -> gated.running.get() == 1);
            CompletableFuture<HttpResponse<byte[]>> waiting = async(
                    () -> server.postJson("/api/v1/inpaint", body()));
            await(() -> queue(server).get("waiting").asInt() == 1);

            HttpResponse<byte[]> refused = server.postJson("/api/v1/inpaint", body());

            assertThat(refused.statusCode()).isEqualTo(503);
            assertThat(refused.headers().firstValue("Retry-After")).hasValueSatisfying(
                    seconds -> assertThat(Long.parseLong(seconds)).isPositive());
            JsonNode error = TestServer.json(refused);
            assertThat(error.get("error").asText()).isEqualTo("QueueFullException");
            assertThat(error.get("errors").asText()).contains("busy");
            gated.gate.countDown();
            assertThat(running.get().statusCode()).isEqualTo(200);
            assertThat(waiting.get().statusCode()).isEqualTo(200);
            assertThat(gated.calls.get()).isEqualTo(2);
            assertThat(queue(server).get("waiting").asInt()).isZero();
        }
    }

    @Test
    void concurrent_requests_run_one_at_a_time_and_a_switch_in_the_middle_fails_none() throws Exception {
        FakeProvider first = FakeProvider.slow("first", 40);
        FakeProvider second = FakeProvider.slow("second", 40);
        try (TestServer server = serve(16, first, second)) {
            List<CompletableFuture<HttpResponse<byte[]>>> requests = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                requests.add(async(() -> server.postJson("/api/v1/inpaint", body())));
            }
            await(() -> first.calls.get() >= 1);
            CompletableFuture<HttpResponse<byte[]>> switched = async(
                    () -> server.postJson("/api/v1/model", Map.of("name", "second")));
            for (int i = 0; i < 6; i++) {
                requests.add(async(() -> server.postJson("/api/v1/inpaint", body())));
            }

            assertThat(switched.get().statusCode()).isEqualTo(200);
            for (CompletableFuture<HttpResponse<byte[]>> request : requests) {
                assertThat(request.get().statusCode()).isEqualTo(200);
            }
            assertThat(first.calls.get() + second.calls.get()).isEqualTo(12);
            assertThat(second.calls.get()).isPositive();
            assertThat(first.mostAtOnce.get()).isEqualTo(1);
            assertThat(second.mostAtOnce.get()).isEqualTo(1);
            assertThat(TestServer.json(server.get("/api/v1/model")).get("name").asText()).isEqualTo("second");
        }
    }

    @Test
    void stopping_the_server_lets_a_request_in_flight_finish() throws Exception {
        FakeProvider gated = FakeProvider.gated("gated");
        TestServer server = serve(4, gated);
        CompletableFuture<HttpResponse<byte[]>> inFlight = async(() -> server.postJson("/api/v1/inpaint", body()));
        await(() -> gated.running.get() == 1);

        CompletableFuture<Void> stopping = CompletableFuture.runAsync(server::close, clients);
        Thread.sleep(200);
        assertThat(stopping).as("the stop waits for the request").isNotDone();
        gated.gate.countDown();

        assertThat(inFlight.get().statusCode()).isEqualTo(200);
        stopping.get();
    }
}
