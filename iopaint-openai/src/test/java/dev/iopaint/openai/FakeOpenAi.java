package dev.iopaint.openai;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** An OpenAI-compatible server on 127.0.0.1 that answers from a script and records what it was sent. */
final class FakeOpenAi implements AutoCloseable {
    /** One scripted answer. */
    interface Answer {
        void send(HttpExchange exchange) throws IOException, InterruptedException;
    }

    /** A request as the server saw it. */
    record Received(String method, String path, Map<String, String> headers, Map<String, byte[]> parts) {
        String field(String name) {
            byte[] value = parts.get(name);
            return value == null ? null : new String(value, StandardCharsets.UTF_8);
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final ConcurrentLinkedQueue<Answer> script = new ConcurrentLinkedQueue<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, byte[]> files = new HashMap<>();

    FakeOpenAi() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    FakeOpenAi then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** Serves {@code content} at {@code /files/<name>} and returns its URL. */
    String serve(String name, byte[] content) {
        synchronized (files) {
            files.put("/files/" + name, content);
        }
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/files/" + name;
    }

    List<Received> received() {
        return received;
    }

    static Answer json(int status, String body) {
        return json(status, body, Map.of());
    }

    static Answer json(int status, String body, Map<String, String> headers) {
        return exchange -> {
            headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        };
    }

    static Answer b64(byte[] png) {
        return json(200, "{\"created\":1,\"data\":[{\"b64_json\":\"" + Base64.getEncoder().encodeToString(png)
                + "\"}]}");
    }

    static Answer stall(long millis) {
        return exchange -> {
            Thread.sleep(millis);
            exchange.close();
        };
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            byte[] file;
            synchronized (files) {
                file = files.get(exchange.getRequestURI().getPath());
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), values.get(0)));
            if (file != null) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                        Map.of()));
                exchange.sendResponseHeaders(200, file.length);
                exchange.getResponseBody().write(file);
                return;
            }
            received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                    parts(headers.getOrDefault("content-type", ""), body)));
            Answer answer = script.poll();
            if (answer == null) {
                json(500, "{\"error\":{\"message\":\"no scripted answer\"}}").send(exchange);
            } else {
                answer.send(exchange);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Map<String, byte[]> parts(String contentType, byte[] body) {
        Map<String, byte[]> parts = new HashMap<>();
        int at = contentType.indexOf("boundary=");
        if (at < 0) {
            return parts;
        }
        String delimiter = "--" + contentType.substring(at + "boundary=".length());
        String text = new String(body, StandardCharsets.ISO_8859_1);
        List<String> chunks = new ArrayList<>(List.of(text.split(java.util.regex.Pattern.quote(delimiter))));
        for (String chunk : chunks) {
            int headersEnd = chunk.indexOf("\r\n\r\n");
            if (headersEnd < 0 || !chunk.endsWith("\r\n")) {
                continue;
            }
            String head = chunk.substring(0, headersEnd);
            int nameAt = head.indexOf("name=\"") + "name=\"".length();
            String name = head.substring(nameAt, head.indexOf('"', nameAt));
            String content = chunk.substring(headersEnd + 4, chunk.length() - 2);
            parts.put(name, content.getBytes(StandardCharsets.ISO_8859_1));
        }
        return parts;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
