package dev.iopaint.openai;

import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelLoadException;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How to reach an OpenAI-compatible image API. Built in one place, {@link #from(Map)}, from the variables the
 * caller gathered from {@code --openai-*} flags and the environment; the fork's {@code AIE_OPENAI_*} names are
 * accepted as fallbacks. {@link #toString()} never shows the key.
 *
 * @param apiKey     the bearer token sent to the server
 * @param baseUrl    the API root, e.g. {@code https://api.openai.com/v1}, without a trailing slash
 * @param model      the image model, e.g. {@code gpt-image-1} or {@code dall-e-2}
 * @param timeout    how long one request may wait for its answer
 * @param maxRetries how many times a rate-limited, failed (5xx) or timed-out request is tried again
 */
public record OpenAiSettings(String apiKey, URI baseUrl, String model, Duration timeout, int maxRetries) {
    public static final String API_KEY = "OPENAI_API_KEY";
    public static final String BASE_URL = "OPENAI_BASE_URL";
    public static final String MODEL = "OPENAI_MODEL";
    public static final String TIMEOUT_S = "OPENAI_TIMEOUT_S";
    public static final String MAX_RETRIES = "OPENAI_MAX_RETRIES";
    /** The fork's names for the same settings; used only when the plain name is not set. */
    private static final String FORK_PREFIX = "AIE_";

    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_MODEL = "gpt-image-1";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(120);
    public static final int DEFAULT_MAX_RETRIES = 3;

    public OpenAiSettings {
        Objects.requireNonNull(baseUrl, "baseUrl");
        Objects.requireNonNull(timeout, "timeout");
        if (apiKey == null || apiKey.isBlank()) {
            throw new ModelLoadException("The openai-compat model needs an API key: set " + API_KEY
                    + " or pass --openai-api-key");
        }
        if (model == null || model.isBlank()) {
            throw new ModelLoadException("The openai-compat model needs a model name: set " + MODEL
                    + " or pass --openai-model, e.g. " + DEFAULT_MODEL);
        }
        String scheme = baseUrl.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || baseUrl.getHost() == null) {
            throw new ModelLoadException("The OpenAI base URL must be an http(s) URL such as " + DEFAULT_BASE_URL
                    + ", got " + baseUrl);
        }
        String text = baseUrl.toString();
        baseUrl = text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : baseUrl;
        if (timeout.isNegative() || timeout.isZero()) {
            throw new ModelLoadException("The OpenAI timeout must be positive, got " + timeout);
        }
        if (maxRetries < 0) {
            throw new ModelLoadException("The number of OpenAI retries must not be negative, got " + maxRetries);
        }
    }

    public static OpenAiSettings from(LoadOptions options) {
        return from(options.settings());
    }

    /** Reads the settings from variables such as {@code OPENAI_API_KEY}, falling back to defaults. */
    public static OpenAiSettings from(Map<String, String> variables) {
        String baseUrl = value(variables, BASE_URL, DEFAULT_BASE_URL);
        URI uri;
        try {
            uri = URI.create(baseUrl);
        } catch (IllegalArgumentException e) {
            throw new ModelLoadException("The OpenAI base URL is not a valid URL: " + baseUrl, e);
        }
        return new OpenAiSettings(value(variables, API_KEY, null), uri, value(variables, MODEL, DEFAULT_MODEL),
                Duration.ofMillis(Math.round(number(variables, TIMEOUT_S, DEFAULT_TIMEOUT.toSeconds()) * 1000)),
                (int) number(variables, MAX_RETRIES, DEFAULT_MAX_RETRIES));
    }

    /** The endpoint below the base URL, e.g. {@code images/edits}. */
    public URI endpoint(String path) {
        return URI.create(baseUrl + "/" + path);
    }

    @Override
    public String toString() {
        return "OpenAiSettings[apiKey=***, baseUrl=" + baseUrl + ", model=" + model + ", timeout=" + timeout
                + ", maxRetries=" + maxRetries + "]";
    }

    private static String value(Map<String, String> variables, String name, String fallback) {
        for (String key : new String[] {name, FORK_PREFIX + name}) {
            String value = variables.get(key);
            if (value != null && !value.isBlank()) {
                return value.strip();
            }
        }
        return fallback;
    }

    private static double number(Map<String, String> variables, String name, double fallback) {
        String text = value(variables, name, null);
        if (text == null) {
            return fallback;
        }
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new ModelLoadException(name + " must be a number, got \"" + text + "\"", e);
        }
    }
}
