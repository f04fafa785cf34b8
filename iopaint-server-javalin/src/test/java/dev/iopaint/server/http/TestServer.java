package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.server.IopaintServer;
import dev.iopaint.server.ServerPlugins;
import dev.iopaint.server.ServerSettings;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * A real server on a free port, serving the cv2 model (plus test providers) and the plugins a test gives (none by
 * default, whatever is on the classpath), and an HTTP client for it.
 */
final class TestServer implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String BOUNDARY = "----iopaint-test-boundary";

    final Iopaint iopaint;
    final ServerPlugins plugins;
    final IopaintServer server;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TestServer(Iopaint iopaint, ServerPlugins plugins, ServerSettings settings, List<RouteGroup> extraRoutes) {
        this.iopaint = iopaint;
        this.plugins = plugins;
        this.server = IopaintServer.start(iopaint, settings, plugins, extraRoutes);
    }

    /** Serves cv2 with every classpath provider plus {@code extra}, on a free port. */
    static TestServer start(Path modelDir, ServerSettings settings, ModelProvider... extra) {
        ModelRegistry registry = ModelRegistry.discover(TestServer.class.getClassLoader());
        for (ModelProvider provider : extra) {
            registry = registry.with(provider);
        }
        return start(Iopaint.builder().modelDir(modelDir).model("cv2").registry(registry).build(), settings);
    }

    static TestServer start(Iopaint iopaint, ServerSettings settings) {
        return start(iopaint, settings, List.of());
    }

    /** Serves {@code iopaint} with {@code extraRoutes} too, as {@code iopaint start} adds the budget. */
    static TestServer start(Iopaint iopaint, ServerSettings settings, List<RouteGroup> extraRoutes) {
        try {
            return new TestServer(iopaint, ServerPlugins.none(iopaint.store()), settings, extraRoutes);
        } catch (RuntimeException e) {
            iopaint.close();
            throw e;
        }
    }

    /**
     * Serves cv2 with exactly the {@code installed} plugin providers, of which those named in {@code enabled} run
     * (each with its default model on the CPU), as {@code iopaint start --enable-...} does.
     */
    static TestServer withPlugins(Path modelDir, ServerSettings settings, List<PluginProvider> installed,
                                  String... enabled) {
        Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model("cv2").build();
        ServerPlugins plugins = null;
        try {
            plugins = ServerPlugins.start(PluginRegistry.of(installed), iopaint.store(),
                    Arrays.stream(enabled).map(PluginSetting::of).toList(), DownloadListener.NONE);
            return new TestServer(iopaint, plugins, settings, List.of());
        } catch (RuntimeException e) {
            if (plugins != null) {
                plugins.close();
            }
            iopaint.close();
            throw e;
        }
    }

    /** IOPaint's defaults on a free port. */
    static ServerSettings settings() {
        return ServerSettings.defaults().withPort(0);
    }

    static ServerSettings settings(Path input, Path maskDir, Path outputDir) {
        return new ServerSettings(ServerSettings.DEFAULT_HOST, 0, input, maskDir, outputDir,
                ServerSettings.DEFAULT_QUALITY, ServerSettings.DEFAULT_MAX_UPLOAD_BYTES, ImageCodec.DEFAULT_MAX_PIXELS,
                ServerSettings.DEFAULT_QUEUE_CAPACITY);
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<byte[]> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    HttpResponse<byte[]> postJson(String path, Object body) {
        try {
            String json = body instanceof String text ? text : JSON.writeValueAsString(body);
            return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(json)).build());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A multipart/form-data POST with one file field. */
    HttpResponse<byte[]> postFile(String path, String field, String filename, byte[] content) {
        return send(HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "multipart/form-data; boundary=" + BOUNDARY)
                .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(field, filename, content))).build());
    }

    static byte[] multipart(String field, String filename, byte[] content) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String head = "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"" + field + "\"; filename=\""
                + filename + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        body.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        body.writeBytes(content);
        body.writeBytes(("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return body.toByteArray();
    }

    HttpResponse<byte[]> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(HttpResponse<byte[]> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON: " + new String(response.body(), StandardCharsets.UTF_8), e);
        }
    }

    @Override
    public void close() {
        server.close();
        plugins.close();
        iopaint.close();
    }
}
