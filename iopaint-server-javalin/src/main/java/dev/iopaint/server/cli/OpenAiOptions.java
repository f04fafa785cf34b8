package dev.iopaint.server.cli;

import picocli.CommandLine.Option;

import java.util.HashMap;
import java.util.Map;

/**
 * The {@code openai-compat} model's flags and its budget's. They become settings under the variable names the model also reads
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
    @Option(names = "--data-dir", paramLabel = "DIR",
            description = "Where the budget ledger of paid calls lives (else $AIE_DATA_DIR, else ~/.iopaint/data).")
    String dataDir;
    @Option(names = "--budget-daily-cap", paramLabel = "USD", description = "Daily spending cap, 0 = none (default 10).")
    String dailyCap;
    @Option(names = "--budget-monthly-cap", paramLabel = "USD",
            description = "Monthly spending cap, 0 = none (default 100).")
    String monthlyCap;
    @Option(names = "--budget-session-cap", paramLabel = "USD",
            description = "Spending cap per client session, 0 = none (default 5).")
    String sessionCap;

    /** The environment with these flags' values in place of the variables they stand for. */
    Map<String, String> over(Map<String, String> environment) {
        Map<String, String> settings = new HashMap<>(environment);
        putIfSet(settings, "OPENAI_API_KEY", apiKey);
        putIfSet(settings, "OPENAI_BASE_URL", baseUrl);
        putIfSet(settings, "OPENAI_MODEL", model);
        putIfSet(settings, "OPENAI_TIMEOUT_S", timeoutSeconds);
        putIfSet(settings, "AIE_DATA_DIR", dataDir);
        putIfSet(settings, "AIE_BUDGET_DAILY_CAP", dailyCap);
        putIfSet(settings, "AIE_BUDGET_MONTHLY_CAP", monthlyCap);
        putIfSet(settings, "AIE_BUDGET_SESSION_CAP", sessionCap);
        return settings;
    }

    private static void putIfSet(Map<String, String> settings, String name, String value) {
        if (value != null && !value.isBlank()) {
            settings.put(name, value);
        }
    }
}
