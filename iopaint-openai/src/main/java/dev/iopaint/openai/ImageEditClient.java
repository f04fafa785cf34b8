package dev.iopaint.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.json.IopaintJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;

/**
 * Calls {@code POST {base_url}/images/edits} of an OpenAI-compatible server and returns the edited image file.
 * Rate limits (429, honouring {@code Retry-After}), server errors (5xx), timeouts and broken connections are
 * retried a bounded number of times with exponential backoff; every other failure becomes an api exception whose
 * message says what the server said. The API key is never logged and is blanked out of anything the server
 * echoes back.
 */
public final class ImageEditClient {
    /** A server asking to wait longer than this is not waited for: the call fails and says when to try again. */
    static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final int MAX_ECHO = 500;
    private static final Logger LOG = LoggerFactory.getLogger(ImageEditClient.class);

    private final OpenAiSettings settings;
    private final Duration backoff;
    private final HttpClient http;

    public ImageEditClient(OpenAiSettings settings) {
        this(settings, DEFAULT_BACKOFF);
    }

    /** A client whose first retry waits {@code backoff}, doubling on each further one. */
    ImageEditClient(OpenAiSettings settings, Duration backoff) {
        this.settings = settings;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.timeout())
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
    }

    /**
     * Sends the edit and returns the answer's image file (PNG, or whatever the server sent).
     *
     * @throws UnsupportedInputException when the server rejects the request as invalid (HTTP 400)
     * @throws InferenceFailedException  for every other failure: key refused, rate limit or server errors that
     *                                   outlast the retries, timeouts, a malformed answer
     */
    public byte[] edit(ImageEdit edit) {
        URI endpoint = settings.endpoint("images/edits");
        Multipart body = new Multipart()
                .file("image", "image.png", "image/png", edit.imagePng())
                .file("mask", "mask.png", "image/png", edit.maskPng())
                .field("prompt", edit.prompt())
                .field("model", settings.model())
                .field("n", "1")
                .field("size", edit.size().text());
        if (takesResponseFormat(settings.model())) {
            body.field("response_format", "b64_json");
        }
        HttpRequest request = HttpRequest.newBuilder(endpoint)
                .timeout(settings.timeout())
                .header("Authorization", "Bearer " + settings.apiKey())
                .header("Content-Type", body.contentType())
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.bytes()))
                .build();
        LOG.info("Asking {} to edit a {} image with {}", endpoint, edit.size().text(), settings.model());
        return imageOf(send(request, endpoint));
    }

    /** GPT image models always answer in base64 and refuse the parameter; DALL-E and most servers take it. */
    static boolean takesResponseFormat(String model) {
        return !model.toLowerCase(Locale.ROOT).startsWith("gpt-image");
    }

    private HttpResponse<byte[]> send(HttpRequest request, URI endpoint) {
        for (int attempt = 0; ; attempt++) {
            boolean last = attempt >= settings.maxRetries();
            String tries = (attempt + 1) + (attempt == 0 ? " try" : " tries");
            HttpResponse<byte[]> response;
            try {
                response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpTimeoutException e) {
                if (last) {
                    throw new InferenceFailedException("The OpenAI-compatible server at " + endpoint
                            + " did not answer within " + settings.timeout().toSeconds() + " s (" + tries
                            + "); raise OPENAI_TIMEOUT_S or --openai-timeout, or try again later", e);
                }
                pause(attempt, "it did not answer in time");
                continue;
            } catch (IOException e) {
                if (last) {
                    throw new InferenceFailedException("Could not reach the OpenAI-compatible server at " + endpoint
                            + " (" + tries + "): " + redact(String.valueOf(e.getMessage()))
                            + "; check OPENAI_BASE_URL or --openai-base-url and the network", e);
                }
                pause(attempt, "the connection failed");
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InferenceFailedException("The call to " + endpoint + " was interrupted", e);
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                return response;
            }
            String said = apiMessage(response.body());
            if (status == 401 || status == 403) {
                throw new InferenceFailedException("The OpenAI-compatible server at " + endpoint
                        + " refused the API key (HTTP " + status + "): " + said
                        + "; check OPENAI_API_KEY or --openai-api-key");
            }
            if (status == 400) {
                throw new UnsupportedInputException("The OpenAI-compatible server rejected the edit request (HTTP 400): "
                        + said);
            }
            if (status == 429) {
                Optional<Duration> retryAfter = retryAfter(response);
                if (retryAfter.isPresent() && retryAfter.get().compareTo(MAX_RETRY_AFTER) > 0) {
                    throw new InferenceFailedException("The OpenAI-compatible server is rate limiting requests and "
                            + "asks to wait " + retryAfter.get().toSeconds() + " s (HTTP 429): " + said
                            + "; try again later");
                }
                if (last) {
                    throw new InferenceFailedException("The OpenAI-compatible server is still rate limiting requests "
                            + "after " + tries + " (HTTP 429): " + said + "; try again later");
                }
                sleep(retryAfter.orElse(backoff(attempt)), "it is rate limiting (HTTP 429)");
                continue;
            }
            if (status >= 500) {
                if (last) {
                    throw new InferenceFailedException("The OpenAI-compatible server at " + endpoint + " failed (HTTP "
                            + status + ", " + tries + "): " + said + "; try again later");
                }
                pause(attempt, "it failed with HTTP " + status);
                continue;
            }
            throw new InferenceFailedException("The OpenAI-compatible server at " + endpoint + " answered HTTP "
                    + status + ": " + said + "; check OPENAI_BASE_URL and OPENAI_MODEL");
        }
    }

    private byte[] imageOf(HttpResponse<byte[]> response) {
        JsonNode first;
        try {
            first = IopaintJson.mapper().readTree(response.body()).path("data").path(0);
        } catch (IOException e) {
            throw malformed("it is not JSON");
        }
        String b64 = first.path("b64_json").asText("");
        if (!b64.isEmpty()) {
            try {
                return Base64.getMimeDecoder().decode(b64);
            } catch (IllegalArgumentException e) {
                throw malformed("data[0].b64_json is not base64");
            }
        }
        String url = first.path("url").asText("");
        if (!url.isEmpty()) {
            return download(url);
        }
        throw malformed("it has neither data[0].b64_json nor data[0].url");
    }

    /** Fetches a {@code url} answer; the key is not sent, since the image may live on another host. */
    private byte[] download(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            throw malformed("data[0].url is not a URL");
        }
        LOG.debug("Downloading the edited image from {}", uri.getHost());
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(uri).timeout(settings.timeout()).GET()
                    .build(), HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() / 100 != 2) {
                throw new InferenceFailedException("Downloading the edited image from " + uri.getHost()
                        + " failed with HTTP " + response.statusCode() + "; try again");
            }
            return response.body();
        } catch (IOException | IllegalArgumentException e) {
            throw new InferenceFailedException("Downloading the edited image from " + uri.getHost() + " failed: "
                    + redact(String.valueOf(e.getMessage())) + "; try again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceFailedException("Downloading the edited image was interrupted", e);
        }
    }

    private InferenceFailedException malformed(String why) {
        return new InferenceFailedException("The OpenAI-compatible server sent a malformed answer to the edit ("
                + why + "); check that OPENAI_BASE_URL points at an OpenAI-compatible API");
    }

    /** The server's {@code error.message}, else the start of its body, with the key blanked out. */
    private String apiMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode error = IopaintJson.mapper().readTree(body).path("error");
            String message = error.isTextual() ? error.asText() : error.path("message").asText("");
            if (!message.isBlank()) {
                text = message;
            }
        } catch (IOException e) {
            LOG.debug("The error answer is not JSON; quoting it as text");
        }
        text = text.strip();
        if (text.isEmpty()) {
            return "no details given";
        }
        return redact(text.length() > MAX_ECHO ? text.substring(0, MAX_ECHO) + "..." : text);
    }

    private String redact(String text) {
        return text.replace(settings.apiKey(), "***");
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").map(String::strip).flatMap(value -> {
            try {
                double seconds = Double.parseDouble(value);
                return seconds >= 0 ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000))) : Optional.empty();
            } catch (NumberFormatException notSeconds) {
                try {
                    Duration wait = Duration.between(ZonedDateTime.now(),
                            ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME));
                    return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        });
    }

    private Duration backoff(int attempt) {
        Duration wait = backoff.multipliedBy(1L << Math.min(attempt, 20));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    private void pause(int attempt, String why) {
        sleep(backoff(attempt), why);
    }

    private void sleep(Duration wait, String why) {
        LOG.warn("Retrying the OpenAI-compatible edit in {} ms because {}", wait.toMillis(), why);
        try {
            Thread.sleep(wait.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InferenceFailedException("Waiting to retry the OpenAI-compatible edit was interrupted", e);
        }
    }
}
