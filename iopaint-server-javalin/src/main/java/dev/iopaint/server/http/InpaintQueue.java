package dev.iopaint.server.http;

import dev.iopaint.api.IopaintException;

import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Lets inpaint requests use the one model in turn: one runs at a time, the others wait in arrival order (a fair
 * semaphore), and at most {@code capacity} may wait. A request beyond that is refused at once with a
 * {@link QueueFullException} rather than piling up threads and memory. IOPaint itself runs requests concurrently
 * on its thread pool; one at a time keeps memory bounded and each request as fast as the machine allows.
 *
 * <pre>{@code
 * try (InpaintQueue.Ticket ticket = queue.enter()) {   // refused here when the queue is full
 *     ... decode the request ...
 *     result = ticket.run(() -> iopaint.inpaint(...)); // waits for its turn
 * }
 * }</pre>
 */
public final class InpaintQueue {
    /** Weight of the newest run time in the moving average that estimates Retry-After. */
    private static final double SMOOTHING = 0.3;

    private final int capacity;
    private final Semaphore model = new Semaphore(1, true);
    private final AtomicInteger admitted = new AtomicInteger();
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicLong averageRunNanos = new AtomicLong();

    /** @param capacity requests that may wait while one runs; 0 refuses every request that finds the model busy */
    public InpaintQueue(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("The queue capacity must not be negative, got " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Admits a request, or refuses it when {@code capacity} requests already wait besides the running one.
     *
     * @throws QueueFullException when the queue is full
     */
    public Ticket enter() {
        int ahead = admitted.getAndIncrement();
        if (ahead > capacity) {
            admitted.decrementAndGet();
            throw new QueueFullException("The server is busy: " + capacity + " inpaint request"
                    + (capacity == 1 ? " is" : "s are") + " already waiting for the model; try again shortly",
                    retryAfterSeconds(ahead));
        }
        return new Ticket();
    }

    public int capacity() {
        return capacity;
    }

    /** Requests admitted and not finished, the running one included. */
    public int admitted() {
        return admitted.get();
    }

    /** 1 while a request holds the model, else 0. */
    public int running() {
        return running.get();
    }

    private long retryAfterSeconds(int ahead) {
        double seconds = averageRunNanos.get() / 1e9 * ahead;
        return Math.max(1, (long) Math.ceil(seconds));
    }

    private void recordRun(long nanos) {
        averageRunNanos.updateAndGet(avg -> avg == 0 ? nanos : (long) (avg + SMOOTHING * (nanos - avg)));
    }

    /** An admitted request's place in the queue; closing it leaves the queue. */
    public final class Ticket implements AutoCloseable {
        private boolean closed;

        private Ticket() {
        }

        /** Waits for the model to be free (in arrival order), then runs {@code work} alone. */
        public <T> T run(Supplier<T> work) {
            try {
                model.acquire();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IopaintException("The request was interrupted while waiting for the model; the server"
                        + " is probably stopping", e);
            }
            running.incrementAndGet();
            long start = System.nanoTime();
            try {
                return work.get();
            } finally {
                recordRun(System.nanoTime() - start);
                running.decrementAndGet();
                model.release();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                admitted.decrementAndGet();
            }
        }
    }
}
