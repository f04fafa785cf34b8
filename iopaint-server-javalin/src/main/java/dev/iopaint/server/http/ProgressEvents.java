package dev.iopaint.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.iopaint.core.json.IopaintJson;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.ServiceUnavailableResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * IOPaint's progress events as Server-Sent Events at {@code GET /api/v1/events}: {@code diffusion_progress} with
 * {@code {"step": n}} for each denoising step a model reports, and {@code diffusion_finish} with {@code {}} after
 * every inpaint. IOPaint sends the same events over Socket.IO; a browser reads these with
 * {@code new EventSource("/api/v1/events")}.
 *
 * <p>Each listener's request thread writes its own stream from a small queue, so publishing never blocks an
 * inpaint, and a comment line every {@link #HEARTBEAT_SECONDS} keeps proxies from timing the stream out and
 * notices listeners that went away. At most {@link #MAX_LISTENERS} streams are open at once (they hold a thread
 * each); more get 503.
 */
public final class ProgressEvents implements RouteGroup, AutoCloseable {
    public static final String PATH = "/api/v1/events";
    public static final String DIFFUSION_PROGRESS = "diffusion_progress";
    public static final String DIFFUSION_FINISH = "diffusion_finish";
    static final int MAX_LISTENERS = 32;
    static final long HEARTBEAT_SECONDS = 15;

    private static final Logger log = LoggerFactory.getLogger(ProgressEvents.class);
    /** Events a listener may fall behind by before the oldest are dropped. */
    private static final int BACKLOG = 256;
    /** Queued to end a stream; no event is empty. */
    private static final String END = "";

    private final Set<BlockingQueue<String>> listeners = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    @Override
    public void register(RoutesConfig routes) {
        routes.get(PATH, this::stream);
    }

    /** Tells listeners that the running model finished denoising step {@code step} (0-based, as IOPaint counts). */
    public void publishStep(int step) {
        publish(DIFFUSION_PROGRESS, Map.of("step", step));
    }

    /** Tells listeners that an inpaint request finished. */
    public void publishFinish() {
        publish(DIFFUSION_FINISH, Map.of());
    }

    /** Streams open now. */
    public int listeners() {
        return listeners.size();
    }

    /** Ends every stream; events published afterwards are dropped. */
    @Override
    public void close() {
        closed = true;
        listeners.forEach(queue -> queue.offer(END));
    }

    private void publish(String event, Map<String, Object> data) {
        if (listeners.isEmpty()) {
            return;
        }
        String message;
        try {
            message = "event: " + event + "\ndata: " + IopaintJson.mapper().writeValueAsString(data) + "\n\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not write the " + event + " event", e);
        }
        for (BlockingQueue<String> queue : listeners) {
            while (!queue.offer(message)) {
                queue.poll();
            }
        }
    }

    private void stream(Context ctx) {
        if (closed) {
            throw new ServiceUnavailableResponse("The server is stopping");
        }
        BlockingQueue<String> queue = new ArrayBlockingQueue<>(BACKLOG);
        if (listeners.size() >= MAX_LISTENERS || !listeners.add(queue)) {
            throw new ServiceUnavailableResponse(MAX_LISTENERS + " event streams are open already; close one first");
        }
        try {
            ctx.status(200).contentType("text/event-stream; charset=utf-8");
            ctx.header("Cache-Control", "no-cache");
            ctx.header("X-Accel-Buffering", "no");
            OutputStream out = ctx.res().getOutputStream();
            // A first line tells the client the stream is open before any event is due.
            write(out, ": connected\n\n");
            while (!closed) {
                String message = queue.poll(HEARTBEAT_SECONDS, TimeUnit.SECONDS);
                if (END.equals(message)) {
                    break;
                }
                write(out, message == null ? ": heartbeat\n\n" : message);
            }
        } catch (IOException e) {
            log.debug("An event listener went away: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            listeners.remove(queue);
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
