package dev.iopaint.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * One {@code POST /api/v1/inpaint} as IOPaint's web client makes it: the JSON body with the data URLs and a
 * browser's Accept headers, the answer read whole (the client turns it into a blob). The HTTP client keeps its
 * connections alive between calls.
 */
final class ServerInpaint implements Callable<byte[]> {
    /** Generous: 16 clients queued behind a 4K inpaint wait a while, and a stuck server should fail the run. */
    private static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final HttpClient http;
    private final HttpRequest request;

    ServerInpaint(HttpClient http, URI server, byte[] body) {
        this.http = http;
        this.request = HttpRequest.newBuilder(server.resolve("/api/v1/inpaint"))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                // What a browser's fetch sends; the server must not compress an image answer for it.
                .header("Accept", "*/*")
                .header("Accept-Encoding", "gzip, deflate, br")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
    }

    /** A client for loopback load: HTTP/1.1 with keep-alive, one connection per concurrent call. */
    static HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    }

    @Override
    public byte[] call() throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            String text = new String(response.body(), StandardCharsets.UTF_8);
            throw new IllegalStateException("The server answered " + response.statusCode() + ": "
                    + text.substring(0, Math.min(text.length(), 300)));
        }
        return response.body();
    }
}
