package dev.iopaint.core.download;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Turns a response body into batches of buffers pulled with a time limit, so a server that stops sending is
 * noticed (HttpClient's own timeout ends when the headers arrive). Up to {@link #WINDOW} chunks are requested ahead,
 * so HttpClient keeps reading the socket while the caller writes and hashes; that bounds what is buffered to
 * {@code WINDOW} chunks (HttpClient's chunks are 16 KiB, so about 1 MiB).
 */
final class BodyQueue implements Flow.Subscriber<List<ByteBuffer>> {
    /** Chunks asked for ahead; one at a time made every 16 KiB wait for a hand-over between two threads. */
    static final int WINDOW = 64;

    private sealed interface Item permits Chunk, Failure, End {
    }

    private record Chunk(List<ByteBuffer> buffers) implements Item {
    }

    private record Failure(Throwable error) implements Item {
    }

    private record End() implements Item {
    }

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    /** Drained but not yet returned: the end or a failure that came after chunks, reported on the next call. */
    private Item pending;
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
            s.request(WINDOW);
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
     * Every buffer that has arrived, waiting for at least one; null when the body is complete.
     *
     * @throws HttpTimeoutException when nothing arrives within {@code stallTimeout}; the body is then cancelled
     * @throws IOException          when the connection fails
     */
    List<ByteBuffer> next(Duration stallTimeout) throws IOException, InterruptedException {
        Item item = pending != null ? pending : items.poll(stallTimeout.toNanos(), TimeUnit.NANOSECONDS);
        pending = null;
        if (item == null) {
            cancel();
            throw new HttpTimeoutException("the server sent nothing for " + Durations.human(stallTimeout));
        }
        List<ByteBuffer> buffers = new ArrayList<>();
        int chunks = 0;
        while (item instanceof Chunk chunk) {
            buffers.addAll(chunk.buffers());
            chunks++;
            item = items.poll();
        }
        if (item != null && chunks > 0) {
            pending = item;
        } else if (item instanceof Failure failure) {
            Throwable error = failure.error();
            throw error instanceof IOException io ? io : new IOException(error);
        } else if (item instanceof End) {
            return null;
        }
        currentSubscription().request(chunks);
        return buffers;
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
