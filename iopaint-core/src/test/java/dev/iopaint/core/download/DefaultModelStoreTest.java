package dev.iopaint.core.download;

import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static dev.iopaint.core.download.DownloaderTest.CONTENT;
import static dev.iopaint.core.download.DownloaderTest.FAST;
import static dev.iopaint.core.download.DownloaderTest.MD5;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DefaultModelStoreTest {
    static final String WRONG_MD5 = "00000000000000000000000000000000";

    @TempDir
    Path tmp;
    LocalServer server;
    ModelDirectory dir;
    Path checkpoints;

    @BeforeEach
    void setUp() throws IOException {
        server = new LocalServer();
        server.route("/", server.serving(CONTENT, true));
        dir = new ModelDirectory(tmp.resolve("models"));
        checkpoints = tmp.resolve("models/torch/hub/checkpoints");
    }

    @AfterEach
    void tearDown() {
        server.close();
    }

    ModelFile lama(String md5) {
        return new ModelFile(server.uri("/add_big_lama/big-lama.pt").toString(), md5, "LAMA_MODEL");
    }

    DefaultModelStore store(Map<String, String> overrides) {
        return new DefaultModelStore(dir, FAST.withOverrides(overrides));
    }

    @Test
    void a_file_lives_in_torch_hub_checkpoints_under_the_last_part_of_its_url() {
        ModelFile file = new ModelFile(
                "https://github.com/Sanster/models/releases/download/add_big_lama/big-lama.pt?raw=1",
                "e3aa4aaa15225a33ec84f9f4bc47e500", "LAMA_MODEL");

        assertThat(store(Map.of()).pathOf(file)).isEqualTo(checkpoints.resolve("big-lama.pt"));
        assertThat(store(Map.of()).directory()).isEqualTo(dir);
    }

    @Test
    void fetch_downloads_a_missing_file_and_verifies_it() throws IOException {
        RecordingListener listener = new RecordingListener();

        Path path = store(Map.of()).fetch(lama(MD5), listener);

        assertThat(path).isEqualTo(checkpoints.resolve("big-lama.pt"));
        assertThat(Files.readAllBytes(path)).isEqualTo(CONTENT);
        assertThat(listener.events).contains("finished big-lama.pt");
        assertThat(store(Map.of()).isPresent(lama(MD5))).isTrue();
    }

    @Test
    void fetch_keeps_an_existing_file_without_checking_or_downloading_it() throws IOException {
        Files.createDirectories(checkpoints);
        Files.writeString(checkpoints.resolve("big-lama.pt"), "an older copy");

        Path path = store(Map.of()).fetch(lama(MD5), DownloadListener.NONE);

        assertThat(path).hasContent("an older copy");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void the_url_override_decides_where_to_download_from_and_the_file_name() throws IOException {
        ModelFile file = new ModelFile("https://unreachable.invalid/big-lama.pt", MD5, "LAMA_MODEL");
        DefaultModelStore store = store(Map.of("LAMA_MODEL_URL", server.uri("/mirror/lama-mirror.pt").toString()));

        Path path = store.fetch(file, DownloadListener.NONE);

        assertThat(path).isEqualTo(checkpoints.resolve("lama-mirror.pt")).isEqualTo(store.pathOf(file));
        assertThat(Files.readAllBytes(path)).isEqualTo(CONTENT);
        assertThat(server.seen()).extracting(LocalServer.Seen::path).containsExactly("/mirror/lama-mirror.pt");
    }

    @Test
    void a_stored_name_replaces_the_last_part_of_the_url_also_when_the_url_is_overridden() throws IOException {
        ModelFile file = new ModelFile(server.uri("/dist/encoder.onnx").toString(), MD5, "SAM_MINI_ENCODER")
                .storedAs("sam_mini_encoder.onnx");

        assertThat(store(Map.of()).fetch(file, DownloadListener.NONE))
                .isEqualTo(checkpoints.resolve("sam_mini_encoder.onnx")).hasBinaryContent(CONTENT);
        assertThat(store(Map.of("SAM_MINI_ENCODER_URL", "https://mirror.invalid/other.onnx")).pathOf(file))
                .isEqualTo(checkpoints.resolve("sam_mini_encoder.onnx"));
        assertThat(server.seen()).extracting(LocalServer.Seen::path).containsExactly("/dist/encoder.onnx");
    }

    @Test
    void the_md5_override_replaces_the_models_checksum() throws IOException {
        Path path = store(Map.of("LAMA_MODEL_MD5", MD5.toUpperCase())).fetch(lama(WRONG_MD5), DownloadListener.NONE);

        assertThat(Files.readAllBytes(path)).isEqualTo(CONTENT);
    }

    @Test
    void an_md5_override_that_is_no_md5_is_rejected_by_name() {
        assertThatThrownBy(() -> store(Map.of("LAMA_MODEL_MD5", "abc")).fetch(lama(MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("LAMA_MODEL_MD5 is 'abc'");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void a_local_path_in_the_url_slot_is_used_as_it_is() throws IOException {
        Path local = tmp.resolve("my models/big-lama.pt");
        Files.createDirectories(local.getParent());
        Files.write(local, CONTENT);
        DefaultModelStore store = store(Map.of("LAMA_MODEL_URL", local.toString()));

        assertThat(store.pathOf(lama(MD5))).isEqualTo(local);
        assertThat(store.fetch(lama(MD5), DownloadListener.NONE)).isEqualTo(local);
        assertThat(server.seen()).isEmpty();
        assertThat(checkpoints).doesNotExist();
    }

    @Test
    void a_file_uri_in_the_url_slot_is_a_local_path() throws IOException {
        Path local = tmp.resolve("my models/big-lama.pt");
        Files.createDirectories(local.getParent());
        Files.write(local, CONTENT);
        DefaultModelStore store = store(Map.of("LAMA_MODEL_URL", local.toUri().toString()));

        assertThat(store.fetch(lama(MD5), DownloadListener.NONE)).isEqualTo(local);
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void a_local_path_override_that_does_not_exist_says_so() {
        Path missing = tmp.resolve("nowhere/big-lama.pt");

        assertThatThrownBy(() -> store(Map.of("LAMA_MODEL_URL", missing.toString()))
                .fetch(lama(MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining(missing + " (set by LAMA_MODEL_URL), but there is no such file");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void an_unsupported_url_scheme_is_rejected_naming_the_variable() {
        assertThatThrownBy(() -> store(Map.of("LAMA_MODEL_URL", "ftp://example.org/big-lama.pt"))
                .fetch(lama(MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("'ftp://example.org/big-lama.pt'")
                .hasMessageContaining("Set LAMA_MODEL_URL to an http(s) URL or a local file");
    }

    @Test
    void offline_a_missing_file_is_an_error_that_explains_without_any_request() {
        DefaultModelStore store = new DefaultModelStore(dir, FAST.withOffline(true));

        assertThatThrownBy(() -> store.fetch(lama(MD5), DownloadListener.NONE))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("it should be at " + checkpoints.resolve("big-lama.pt"))
                .hasMessageContaining("Offline mode is on")
                .hasMessageContaining("LAMA_MODEL_URL");
        assertThat(server.seen()).isEmpty();
    }

    @Test
    void offline_an_existing_file_is_still_served() throws IOException {
        Files.createDirectories(checkpoints);
        Files.write(checkpoints.resolve("big-lama.pt"), CONTENT);

        Path path = new DefaultModelStore(dir, FAST.withOffline(true)).fetch(lama(MD5), DownloadListener.NONE);

        assertThat(path).isEqualTo(checkpoints.resolve("big-lama.pt"));
    }

    @Test
    void remove_if_corrupt_deletes_a_file_whose_md5_does_not_match() throws IOException {
        Files.createDirectories(checkpoints);
        Files.writeString(checkpoints.resolve("big-lama.pt"), "truncated");

        assertThat(store(Map.of()).removeIfCorrupt(lama(MD5))).isTrue();
        assertThat(checkpoints.resolve("big-lama.pt")).doesNotExist();
    }

    @Test
    void remove_if_corrupt_keeps_a_good_file_and_ignores_a_missing_one() throws IOException {
        assertThat(store(Map.of()).removeIfCorrupt(lama(MD5))).isFalse();
        Files.createDirectories(checkpoints);
        Files.write(checkpoints.resolve("big-lama.pt"), CONTENT);

        assertThat(store(Map.of()).removeIfCorrupt(lama(MD5))).isFalse();
        assertThat(checkpoints.resolve("big-lama.pt")).exists();
    }

    @Test
    void remove_if_corrupt_cannot_judge_a_file_without_an_md5() throws IOException {
        Files.createDirectories(checkpoints);
        Files.writeString(checkpoints.resolve("big-lama.pt"), "anything");

        assertThat(store(Map.of()).removeIfCorrupt(lama(""))).isFalse();
        assertThat(checkpoints.resolve("big-lama.pt")).exists();
    }

    @Test
    void remove_if_corrupt_uses_the_md5_override() throws IOException {
        Files.createDirectories(checkpoints);
        Files.write(checkpoints.resolve("big-lama.pt"), CONTENT);

        assertThat(store(Map.of("LAMA_MODEL_MD5", MD5)).removeIfCorrupt(lama(WRONG_MD5))).isFalse();
        assertThat(checkpoints.resolve("big-lama.pt")).exists();
    }

    @Test
    void remove_if_corrupt_never_deletes_the_users_own_local_file() throws IOException {
        Path local = tmp.resolve("mine.pt");
        Files.writeString(local, "not the model");

        assertThat(store(Map.of("LAMA_MODEL_URL", local.toString())).removeIfCorrupt(lama(MD5))).isFalse();
        assertThat(local).exists();
    }
}
