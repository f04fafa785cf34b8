package dev.iopaint.core.download;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns a response body into chunks pulled one at a time with a time limit, so a server that stops sending is
 * noticed (HttpClient's own timeout ends when the headers arrive). One chunk is requested at a time, so at most
 * one is buffered.
 */
final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {
    private sealed interface Item permits Chunk, Failure, End {
    }

    private record Chunk(List<ByteBuffer> buffers) implements Item {
    }

    private record Failure(Throwable error) implements Item {
    }

    private record End() implements Item {
    }

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private Flow.Subscription subscription;
    private boolean cancelled;

    @Override
    public void onSubscribe(Flow.Subscription s) {
        boolean cancelNow;
        synchronized (this) {
            subscription = s;
            cancelNow = cancelled;
        }
        if (cancelNow) {
            s.cancel();
        } else {
            s.request(1);
        }
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        items.add(new Chunk(buffers));
    }

    @Override
    public void onError(Throwable error) {
        items.add(new Failure(error));
    }

    @Override
    public void onComplete() {
        items.add(new End());
    }

    /**
     * The next chunk of the body, or null when it is complete.
     *
     * @throws HttpTimeoutException when nothing arrives within {@code stallTimeout}; the body is then cancelled
     * @throws IOException          when the connection fails
     */
    List<ByteBuffer> next(Duration stallTimeout) throws IOException, InterruptedException {
        Item item = items.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        if (item == null) {
            cancel();
            throw new HttpTimeoutException("the server sent nothing for " + Durations.human(stallTimeout));
        }
        if (item instanceof Failure failure) {
            Throwable error = failure.error();
            throw error instanceof IOException io ? io : new IOException(error);
        }
        if (item instanceof End) {
            return null;
        }
        currentSubscription().request(1);
        return ((Chunk) item).buffers();
    }

    /** Stops the body, closing its connection; safe before subscription and more than once. */
    void cancel() {
        Flow.Subscription s;
        synchronized (this) {
            cancelled = true;
            s = subscription;
        }
        if (s != null) {
            s.cancel();
        }
    }

    private synchronized Flow.Subscription currentSubscription() {
        return subscription;
    }
}
