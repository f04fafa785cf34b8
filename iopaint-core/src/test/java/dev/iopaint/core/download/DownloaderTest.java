package dev.iopaint.core.download;

import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.DownloadListener;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DownloaderTest {
    static final byte[] CONTENT = randomBytes(100_000);
    static final String MD5 = md5(CONTENT);

    /** Settings for tests: a tiny backoff; timeouts that a busy machine still meets on 127.0.0.1. */
    static final DownloadSettings FAST = DownloadSettings.defaults()
            .withConnectTimeout(Duration.ofSeconds(2))
            .withStallTimeout(Duration.ofSeconds(2))
            .withMaxAttempts(3)
            .withInitialBackoff(Duration.ofMillis(10));

    @TempDir
    Path tmp;
    LocalServer server;
    Path target;

    @BeforeEach
    void startServer() throws IOException {
        server = new LocalServer();
        target = tmp.resolve("torch/hub/checkpoints/big-lama.pt");
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    DownloadRequest request(String path, String md5) {
        return new DownloadRequest(server.uri(path), target, md5, "LAMA_MODEL");
    }

    Path part() {
        return target.resolveSibling("big-lama.pt.part");
    }

    @Test
    void downloads_verifies_and_reports_progress_from_start_to_finish() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        RecordingListener listener = new RecordingListener();

        Path result = new Downloader(FAST).download(request("/big-lama.pt", MD5), listener);

        assertThat(result).isEqualTo(target);
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(part()).doesNotExist();
        assertThat(server.seen()).containsExactly(new LocalServer.Seen("/big-lama.pt", null));
        assertThat(listener.events.get(0)).isEqualTo("started big-lama.pt 100000");
        assertThat(listener.events.get(1)).isEqualTo("progressed big-lama.pt 0/100000");
        assertThat(listener.events.get(listener.events.size() - 2)).isEqualTo("progressed big-lama.pt 100000/100000");
        assertThat(listener.events.get(listener.events.size() - 1)).isEqualTo("finished big-lama.pt");
        assertThat(listener.done).isSorted();
    }

    @Test
    void a_body_of_many_batches_arrives_whole_and_verified_with_progress_that_only_grows() throws IOException {
        // 8 MB: hundreds of HttpClient chunks, so batches, the request window and background hashing all take part.
        byte[] content = randomBytes(8_000_000);
        server.route("/big-lama.pt", server.serving(content, true));
        RecordingListener listener = new RecordingListener();

        new Downloader(FAST).download(request("/big-lama.pt", md5(content)), listener);

        assertThat(Files.readAllBytes(target)).isEqualTo(content);
        assertThat(listener.done).isSorted().endsWith(8_000_000L);
        assertThat(listener.events.get(listener.events.size() - 1)).isEqualTo("finished big-lama.pt");
    }

    @Test
    void resumes_a_part_file_with_a_range_request_for_only_the_missing_bytes() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        Files.createDirectories(target.getParent());
        Files.write(part(), Arrays.copyOf(CONTENT, 40_000));
        RecordingListener listener = new RecordingListener();

        new Downloader(FAST).download(request("/big-lama.pt", MD5), listener);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).containsExactly(new LocalServer.Seen("/big-lama.pt", "bytes=40000-"));
        assertThat(server.bodyBytesSent()).isEqualTo(60_000);
        assertThat(listener.events.get(0)).isEqualTo("started big-lama.pt 100000");
        assertThat(listener.events.get(1)).isEqualTo("progressed big-lama.pt 40000/100000");
    }

    @Test
    void starts_over_when_the_server_ignores_the_range() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, false));
        Files.createDirectories(target.getParent());
        // Not a prefix of the file: appending to it would fail the MD5.
        Files.write(part(), new byte[40_000]);

        new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).containsExactly(new LocalServer.Seen("/big-lama.pt", "bytes=40000-"));
        assertThat(server.bodyBytesSent()).isEqualTo(100_000);
    }

    @Test
    void restarts_cleanly_when_the_server_answers_416() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        Files.createDirectories(target.getParent());
        Files.write(part(), new byte[120_000]);

        new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).containsExactly(new LocalServer.Seen("/big-lama.pt", "bytes=120000-"),
                new LocalServer.Seen("/big-lama.pt", null));
    }

    @Test
    void resumes_after_a_connection_that_breaks_midway() throws IOException {
        server.route("/big-lama.pt", (exchange, number) -> {
            if (number == 1) {
                exchange.sendResponseHeaders(200, CONTENT.length);
                server.sendPartly(exchange, CONTENT, 30_000);
                // Closing short of the promised length drops the connection.
                exchange.close();
            } else {
                server.serving(CONTENT, true).handle(exchange, number);
            }
        });

        new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).extracting(LocalServer.Seen::range).containsExactly(null, "bytes=30000-");
    }

    @Test
    void an_md5_mismatch_deletes_the_download_and_names_both_checksums_and_the_url() {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        String wrong = "e3aa4aaa15225a33ec84f9f4bc47e500";

        assertThatThrownBy(() -> new Downloader(FAST).download(request("/big-lama.pt", wrong), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining(wrong)
                .hasMessageContaining(MD5)
                .hasMessageContaining(server.uri("/big-lama.pt").toString())
                .hasMessageContaining("LAMA_MODEL_URL")
                .hasMessageContaining("LAMA_MODEL_MD5");
        assertThat(target).doesNotExist();
        assertThat(part()).doesNotExist();
    }

    @Test
    void an_empty_md5_skips_the_check() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));

        new Downloader(FAST).download(request("/big-lama.pt", ""), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void not_found_fails_at_once_naming_the_url_and_the_override_variable() {
        server.route("/big-lama.pt", (exchange, number) -> exchange.sendResponseHeaders(404, -1));

        assertThatThrownBy(() -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("HTTP 404")
                .hasMessageContaining(server.uri("/big-lama.pt").toString())
                .hasMessageContaining("set LAMA_MODEL_URL to a mirror or a local file");
        assertThat(server.seen()).hasSize(1);
        assertThat(target).doesNotExist();
    }

    @Test
    void a_503_is_retried_and_then_succeeds() throws IOException {
        server.route("/big-lama.pt", (exchange, number) -> {
            if (number == 1) {
                exchange.sendResponseHeaders(503, -1);
            } else {
                server.serving(CONTENT, true).handle(exchange, number);
            }
        });

        new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).hasSize(2);
    }

    @Test
    void a_server_error_that_persists_fails_after_the_configured_attempts() {
        server.route("/big-lama.pt", (exchange, number) -> exchange.sendResponseHeaders(500, -1));

        assertThatThrownBy(() -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("HTTP 500")
                .hasMessageContaining("LAMA_MODEL_URL");
        assertThat(server.seen()).hasSize(3);
    }

    @Test
    void a_stalled_server_fails_within_the_stall_timeout_after_retrying() throws IOException {
        server.route("/big-lama.pt", (exchange, number) -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            server.sendPartly(exchange, CONTENT, 1_000);
            server.released.await();
        });
        DownloadSettings settings = FAST.withStallTimeout(Duration.ofMillis(300)).withMaxAttempts(2);
        long start = System.nanoTime();

        assertThatThrownBy(() -> new Downloader(settings).download(request("/big-lama.pt", MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("sent nothing for 300 ms")
                .hasMessageContaining(server.uri("/big-lama.pt").toString())
                .hasMessageContaining("network may be closed")
                .hasMessageContaining("place it at " + target)
                .hasMessageContaining("LAMA_MODEL_URL");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
        assertThat(server.seen()).extracting(LocalServer.Seen::range).containsExactly(null, "bytes=1000-");
        assertThat(target).doesNotExist();
        assertThat(Files.size(part())).isEqualTo(1_000);
    }

    @Test
    void a_slow_but_steady_server_is_not_a_stall() throws IOException {
        // 10 chunks 100 ms apart: longer than connect + stall timeout together, yet never 400 ms without data.
        server.route("/big-lama.pt", (exchange, number) -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 10; i++) {
                out.write(CONTENT, i * 10_000, 10_000);
                out.flush();
                Thread.sleep(100);
            }
            out.close();
        });

        DownloadSettings settings = FAST.withConnectTimeout(Duration.ofMillis(200))
                .withStallTimeout(Duration.ofMillis(400));

        new Downloader(settings).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).hasSize(1);
    }

    @Test
    void an_unreachable_server_fails_with_the_network_hint() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        URI url = URI.create("http://127.0.0.1:" + closedPort + "/big-lama.pt");

        assertThatThrownBy(() -> new Downloader(FAST.withMaxAttempts(2))
                .download(new DownloadRequest(url, target, MD5, "LAMA_MODEL"), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining(url.toString())
                .hasMessageContaining("after 2 attempts")
                .hasMessageContaining("network may be closed")
                .hasMessageContaining("place it at " + target)
                .hasMessageContaining("set LAMA_MODEL_URL to a mirror or a local file");
        assertThat(target).doesNotExist();
    }

    @Test
    void follows_redirects() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        server.route("/release/big-lama.pt", (exchange, number) -> {
            exchange.getResponseHeaders().add("Location", server.uri("/big-lama.pt").toString());
            exchange.sendResponseHeaders(302, -1);
        });

        new Downloader(FAST).download(request("/release/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
    }

    @Test
    void offline_mode_never_connects_and_says_where_the_file_belongs() {
        server.route("/big-lama.pt", server.serving(CONTENT, true));

        assertThatThrownBy(() -> new Downloader(FAST.withOffline(true))
                .download(request("/big-lama.pt", MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("big-lama.pt is missing: it should be at " + target)
                .hasMessageContaining("Offline mode is on")
                .hasMessageContaining(server.uri("/big-lama.pt").toString())
                .hasMessageContaining("LAMA_MODEL_URL");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void a_folder_that_cannot_be_created_is_a_clear_error_before_any_request() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        // A plain file where the folder should be: fails even for root, unlike permissions.
        Files.writeString(tmp.resolve("torch"), "not a folder");

        assertThatThrownBy(() -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("creating the folder " + target.getParent())
                .hasMessageContaining("free some space or choose a writable model directory")
                .hasMessageContaining("LAMA_MODEL_URL");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void an_existing_target_is_kept_without_a_request() throws IOException {
        server.route("/big-lama.pt", server.serving(CONTENT, true));
        Files.createDirectories(target.getParent());
        Files.writeString(target, "already here");

        new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE);

        assertThat(target).hasContent("already here");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void concurrent_downloads_of_one_file_share_a_single_transfer() throws Exception {
        server.route("/big-lama.pt", (exchange, number) -> {
            exchange.sendResponseHeaders(200, CONTENT.length);
            OutputStream out = exchange.getResponseBody();
            for (int i = 0; i < 4; i++) {
                out.write(CONTENT, i * 25_000, 25_000);
                out.flush();
                Thread.sleep(50);
            }
            out.close();
        });
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Path>> results = pool.invokeAll(List.of(
                    () -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE),
                    () -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE),
                    () -> new Downloader(FAST).download(request("/big-lama.pt", MD5), DownloadListener.NONE)));
            for (Future<Path> result : results) {
                assertThat(result.get()).isEqualTo(target);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(Files.readAllBytes(target)).isEqualTo(CONTENT);
        assertThat(server.seen()).hasSize(1);
    }

    static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        new Random(42).nextBytes(bytes);
        return bytes;
    }

    static String md5(byte[] content) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
