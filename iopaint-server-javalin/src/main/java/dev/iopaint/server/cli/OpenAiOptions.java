package dev.iopaint.server.cli;

import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code openai-compat} model's flags. They become settings under the variable names the model also reads
 * from the environment ({@code OPENAI_API_KEY}, ...), and win over the environment.
 */
final class OpenAiOptions {
    @Option(names = "--openai-api-key", paramLabel = "KEY",
            description = "API key of the OpenAI-compatible server (else $OPENAI_API_KEY).")
    String apiKey;
    @Option(names = "--openai-base-url", paramLabel = "URL",
            description = "Base URL of an OpenAI-compatible API (else $OPENAI_BASE_URL, else OpenAI's).")
    String baseUrl;
    @Option(names = "--openai-model", paramLabel = "NAME",
            description = "Image model to ask, e.g. gpt-image-1 or dall-e-2 (else $OPENAI_MODEL).")
    String model;
    @Option(names = "--openai-timeout-s", paramLabel = "SECONDS",
            description = "How long one request may take (else $OPENAI_TIMEOUT_S).")
    String timeoutSeconds;

    /** The environment with these flags' values in place of the variables they stand for. */
    Map<String, String> over(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        putIfSet(settings, "OPENAI_API_KEY", apiKey);
        putIfSet(settings, "OPENAI_BASE_URL", baseUrl);
        putIfSet(settings, "OPENAI_MODEL", model);
        putIfSet(settings, "OPENAI_TIMEOUT_S", timeoutSeconds);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String name, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(name, value);
        }
    }
}
