package dev.iopaint.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.ModelLoadException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenAiSettingsTest {
    @Test
    void defaults_to_openai_and_gpt_image_1() {
        OpenAiSettings settings = OpenAiSettings.from(Map.of("OPENAI_API_KEY", "sk-secret"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.model()).isEqualTo("gpt-image-1");
        assertThat(settings.timeout()).isEqualTo(Duration.ofSeconds(120));
        assertThat(settings.maxRetries()).isEqualTo(3);
        assertThat(settings.endpoint("images/edits")).isEqualTo(URI.create("https://api.openai.com/v1/images/edits"));
    }

    @Test
    void reads_every_setting_and_drops_a_trailing_slash() {
        OpenAiSettings settings = OpenAiSettings.from(Map.of("OPENAI_API_KEY", "sk-secret",
                "OPENAI_BASE_URL", "http://localhost:8080/v1/", "OPENAI_MODEL", "dall-e-2",
                "OPENAI_TIMEOUT_S", "2.5", "OPENAI_MAX_RETRIES", "0"));

        assertThat(settings.baseUrl()).isEqualTo(URI.create("http://localhost:8080/v1"));
        assertThat(settings.model()).isEqualTo("dall-e-2");
        assertThat(settings.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(settings.maxRetries()).isZero();
    }

    @Test
    void accepts_the_forks_names_when_the_plain_ones_are_missing() {
        OpenAiSettings settings = OpenAiSettings.from(Map.of("AIE_OPENAI_API_KEY", "sk-fork",
                "AIE_OPENAI_MODEL", "dall-e-2", "OPENAI_MODEL", " "));

        assertThat(settings.apiKey()).isEqualTo("sk-fork");
        assertThat(settings.model()).isEqualTo("dall-e-2");
    }

    @Test
    void a_missing_key_says_how_to_set_it() {
        assertThatThrownBy(() -> OpenAiSettings.from(Map.of()))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("OPENAI_API_KEY").hasMessageContaining("--openai-api-key");
    }

    @Test
    void a_bad_timeout_or_url_is_refused() {
        assertThatThrownBy(() -> OpenAiSettings.from(Map.of("OPENAI_API_KEY", "k", "OPENAI_TIMEOUT_S", "soon")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("OPENAI_TIMEOUT_S");
        assertThatThrownBy(() -> OpenAiSettings.from(Map.of("OPENAI_API_KEY", "k", "OPENAI_BASE_URL", "ftp://x")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("http(s)");
    }

    @Test
    void to_string_never_shows_the_key() {
        assertThat(OpenAiSettings.from(Map.of("OPENAI_API_KEY", "sk-secret")).toString())
                .doesNotContain("sk-secret").contains("apiKey=***");
    }
}
