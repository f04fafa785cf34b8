package dev.iopaint.core.download;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

/**
 * Feeds a digest on a thread of its own, so hashing a body overlaps with receiving and writing it: MD5 runs at
 * about the speed of a fast local download, so on the receiving thread it added its whole time to the download's.
 * Batches are hashed in the order given; at most {@link #MAX_QUEUED} wait, so a hash that falls behind holds the
 * download back instead of buffering it.
 */
final class BackgroundDigest implements AutoCloseable {
    static final int MAX_QUEUED = 8;

    private final MessageDigest digest;
    private final ExecutorService thread;
    private final Semaphore queued = new Semaphore(MAX_QUEUED);

    /** @param name the thread's name, e.g. "iopaint-md5 big-lama.pt" */
    BackgroundDigest(MessageDigest digest, String name) {
        this.digest = digest;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Queues the buffers' remaining bytes, without moving their positions; their content must not change until it
     * is hashed (HttpClient hands out buffers it never reuses). Blocks while {@link #MAX_QUEUED} batches wait.
     */
    void update(List<ByteBuffer> buffers) throws InterruptedException {
        List<ByteBuffer> views = buffers.stream().map(ByteBuffer::duplicate).toList();
        queued.acquire();
        try {
            thread.execute(() -> {
                try {
                    views.forEach(digest::update);
                } finally {
                    queued.release();
                }
            });
        } catch (RuntimeException e) {
            queued.release();
            throw e;
        }
    }

    /** Waits until every queued batch is hashed; the digest in lower-case hex. */
    String hex() throws InterruptedException {
        try {
            return thread.submit(() -> Md5.hex(digest)).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException("Hashing the download failed: " + e.getCause(), e.getCause());
        }
    }

    /** Stops the thread; what was queued and not yet hashed is dropped. */
    @Override
    public void close() {
        thread.shutdownNow();
    }
}
