package dev.iopaint.server.cli;

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
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StartCommandTest {
    @TempDir
    Path work;
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private StartCommand parse(String... args) {
        CommandLine commandLine = IopaintCommand.commandLine(Map.of(), new PrintWriter(out, true),
                new PrintWriter(err, true), args);
        return (StartCommand) commandLine.parseArgs(args).subcommand().commandSpec().userObject();
    }

    @Test
    void serves_cv2_on_a_fresh_machine_and_says_where_with_what_and_how_long_it_took() throws Exception {
        Path models = work.resolve("models");

        try (StartCommand.Running running = parse("start", "--port", "0", "--model-dir", models.toString()).startServer()) {
            assertThat(running.iopaint().model().name()).isEqualTo("cv2");
            assertThat(get(running.server().uri().resolve("/api/v1/health"))).contains("\"ok\"");
        }
        assertThat(out.toString()).contains("IOPaint is ready at http://127.0.0.1:")
                .contains("model cv2").contains(models.toAbsolutePath().toString()).contains(" s;");
    }

    @Test
    void takes_defaults_from_a_json_config_and_lets_the_command_line_win() throws Exception {
        Path fromConfig = work.resolve("config-models");
        Path config = Files.writeString(work.resolve("config.json"),
                "{\"port\": 0, \"model_dir\": \"" + fromConfig + "\", \"quality\": 80, \"host\": \"0.0.0.0\"}");

        StartCommand start = parse("start", "--config", config.toString(), "--host", "127.0.0.1");

        assertThat(start.port).isZero();
        assertThat(start.quality).isEqualTo(80);
        assertThat(start.host).isEqualTo("127.0.0.1");
        assertThat(start.modelDir.modelDir).isEqualTo(fromConfig);
    }

    @Test
    void openai_and_budget_flags_become_the_variables_they_stand_for_and_win_over_the_environment() {
        StartCommand start = parse("start", "--openai-api-key", "sk-flag", "--openai-model", "dall-e-2",
                "--data-dir", "/data", "--budget-daily-cap", "3");

        assertThat(start.openAi.over(Map.of("OPENAI_API_KEY", "sk-env", "HOME", "/root"))).containsOnly(
                Map.entry("OPENAI_API_KEY", "sk-flag"), Map.entry("OPENAI_MODEL", "dall-e-2"),
                Map.entry("AIE_DATA_DIR", "/data"), Map.entry("AIE_BUDGET_DAILY_CAP", "3"),
                Map.entry("HOME", "/root"));
    }

    @Test
    void a_config_that_is_not_json_is_one_clear_error() throws IOException {
        Path config = Files.writeString(work.resolve("config.json"), "port = 8080");

        int exit = IopaintCommand.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true),
                "start", "--config", config.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).startsWith("error: --config").contains("not readable JSON");
    }

    private static String get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
