package dev.iopaint.core.download;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An HTTP server on 127.0.0.1 that records what it was asked and how many body bytes it sent. */
final class LocalServer implements AutoCloseable {
    /** What one request asked for. */
    record Seen(String path, String range) {
    }

    interface Handler {
        void handle(HttpExchange exchange, int requestNumber) throws IOException, InterruptedException;
    }

    private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final AtomicLong bodyBytes = new AtomicLong();
    /** Released on close, so handlers that play a stalled server end with the test. */
    final CountDownLatch released = new CountDownLatch(1);

    LocalServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.start();
    }

    LocalServer route(String path, Handler handler) {
        server.createContext(path, exchange -> {
            seen.add(new Seen(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Range")));
            int number = (int) seen.stream().filter(s -> s.path().equals(path)).count();
            try (exchange) {
                handler.handle(exchange, number);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    long bodyBytesSent() {
        return bodyBytes.get();
    }

    /** Serves the content whole, or from the asked offset when {@code honourRange} (416 past its end). */
    Handler serving(byte[] content, boolean honourRange) {
        return (exchange, number) -> {
            String range = exchange.getRequestHeaders().getFirst("Range");
            Matcher matcher = range == null ? null : RANGE.matcher(range);
            if (honourRange && matcher != null && matcher.matches()) {
                int from = Integer.parseInt(matcher.group(1));
                if (from >= content.length) {
                    exchange.getResponseHeaders().add("Content-Range", "bytes */" + content.length);
                    exchange.sendResponseHeaders(416, -1);
                    return;
                }
                exchange.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (content.length - 1) + "/" + content.length);
                send(exchange, 206, Arrays.copyOfRange(content, from, content.length));
            } else {
                send(exchange, 200, content);
            }
        };
    }

    void send(HttpExchange exchange, int status, byte[] body) throws IOException {
        // Counted before sending: the client may finish reading before this thread returns from the write.
        bodyBytes.addAndGet(body.length);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Writes part of a body without finishing it, flushed so the client really receives it. */
    void sendPartly(HttpExchange exchange, byte[] body, int count) throws IOException {
        bodyBytes.addAndGet(count);
        OutputStream out = exchange.getResponseBody();
        out.write(body, 0, count);
        out.flush();
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
