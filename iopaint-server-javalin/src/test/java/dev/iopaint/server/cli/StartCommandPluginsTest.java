package dev.iopaint.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.server.FakePluginProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** IOPaint's plugin flags of {@code iopaint start}, with fake plugins in place of the classpath's. */
class StartCommandPluginsTest {
    @TempDir
    Path work;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private StartCommand parse(String... args) {
        CommandLine commandLine = IopaintCommand.commandLine(Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return (StartCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
    }

    private String[] start(String... flags) {
        List<String> args = new ArrayList<>(List.of("start", "--port", "0", "--model-dir",
                work.resolve("models").toString()));
        args.addAll(List.of(flags));
        return args.toArray(String[]::new);
    }

    @Test
    void plugin_flags_become_settings_in_iopaints_order_with_model_and_device() {
        StartCommand start = parse("start", "--enable-remove-bg", "--remove-bg-model", "u2netp",
                "--remove-bg-device", "CUDA", "--enable-interactive-seg", "--interactive-seg-device", "mps");

        assertThat(start.plugins.settings()).containsExactly(
                new PluginSetting("InteractiveSeg", Optional.empty(), Device.MPS),
                new PluginSetting("RemoveBG", Optional.of("u2netp"), Device.CUDA));
    }

    @Test
    void without_an_enable_flag_no_plugin_starts_and_its_model_flag_is_ignored() {
        StartCommand start = parse("start", "--remove-bg-model", "u2netp", "--interactive-seg-model", "sam_mini");

        assertThat(start.plugins.settings()).isEmpty();
    }

    @Test
    void plugin_flags_come_from_the_json_config_under_iopaints_names() throws IOException {
        Path config = Files.writeString(work.resolve("config.json"), "{\"enable_interactive_seg\": true,"
                + " \"interactive_seg_model\": \"sam_mini\", \"interactive_seg_device\": \"cpu\","
                + " \"enable_remove_bg\": false, \"remove_bg_model\": \"u2netp\"}");

        StartCommand start = parse("start", "--config", config.toString());

        assertThat(start.plugins.settings())
                .containsExactly(new PluginSetting("InteractiveSeg", Optional.of("sam_mini"), Device.CPU));
    }

    @Test
    void an_unknown_plugin_device_names_its_flag() {
        StartCommand start = parse("start", "--enable-remove-bg", "--remove-bg-device", "tpu");

        assertThatThrownBy(() -> start.plugins.settings()).isInstanceOf(UnsupportedInputException.class)
                .hasMessageStartingWith("--remove-bg-device: 'tpu' is not a valid Device");
    }

    @Test
    void starts_the_enabled_plugins_after_the_model_and_closes_them_on_stop() throws Exception {
        FakePluginProvider segment = FakePluginProvider.interactiveSeg();
        FakePluginProvider removeBg = FakePluginProvider.removeBg();
        StartCommand start = parse(start("--enable-interactive-seg", "--interactive-seg-model", "fake_sam_large"));

        try (StartCommand.Running running = start.startServer(PluginRegistry.of(List.of(segment, removeBg)))) {
            JsonNode config = new ObjectMapper().readTree(get(running.server().uri().resolve("/api/v1/server-config")));

            assertThat(config.get("plugins")).hasSize(1);
            assertThat(config.get("plugins").get(0).get("name").asText()).isEqualTo("InteractiveSeg");
            assertThat(config.get("interactiveSegModel").asText()).isEqualTo("fake_sam_large");
            assertThat(config.get("removeBGModel").asText()).isEqualTo("fake_u2netp");
            assertThat(segment.loads).containsExactly("fake_sam_large@cpu");
            assertThat(removeBg.loads).isEmpty();
        }
        assertThat(segment.closed.get()).isEqualTo(1);
        assertThat(out.toString()).contains("(model cv2, plugins InteractiveSeg (fake_sam_large), models in ");
    }

    @Test
    void a_model_the_plugin_lacks_fails_the_start_listing_the_models_it_has() {
        StartCommand start = parse(start("--enable-remove-bg", "--remove-bg-model", "briaai/RMBG-1.4"));

        assertThatThrownBy(() -> start.startServer(PluginRegistry.of(List.of(FakePluginProvider.removeBg()))))
                .isInstanceOf(PluginNotAvailableException.class)
                .hasMessage("The plugin RemoveBG has no model 'briaai/RMBG-1.4'; its models: [fake_u2netp, fake_rmbg]");
    }

    @Test
    void a_plugin_that_is_not_installed_fails_the_start_naming_it() {
        StartCommand start = parse(start("--enable-interactive-seg"));

        assertThatThrownBy(() -> start.startServer(PluginRegistry.of(List.of(FakePluginProvider.removeBg()))))
                .isInstanceOf(PluginNotAvailableException.class)
                .hasMessageStartingWith("No plugin named 'InteractiveSeg' is installed; installed: [RemoveBG]");
    }

    @Test
    void offline_a_missing_plugin_file_is_one_clear_error_naming_the_file_and_its_url_variable() {
        FakePluginProvider needsFile = FakePluginProvider.interactiveSeg()
                .withFiles(new ModelFile("https://example.invalid/fake_sam.onnx", "", "FAKE_SAM_MODEL"));
        StartCommand start = parse(start("--local-files-only", "--enable-interactive-seg"));

        assertThatThrownBy(() -> start.startServer(PluginRegistry.of(List.of(needsFile))))
                .isInstanceOf(DownloadFailedException.class)
                .hasMessageContaining("fake_sam.onnx is missing")
                .hasMessageContaining(work.resolve("models").resolve("torch/hub/checkpoints/fake_sam.onnx").toString())
                .hasMessageContaining("FAKE_SAM_MODEL_URL");
        assertThat(needsFile.loads).isEmpty();
    }

    @Test
    void the_command_line_reports_a_failed_plugin_start_as_one_error_line() {
        int exit = IopaintCommand.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                start("--enable-remove-bg", "--remove-bg-device", "tpu"));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --remove-bg-device: 'tpu' is not a valid Device");
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
