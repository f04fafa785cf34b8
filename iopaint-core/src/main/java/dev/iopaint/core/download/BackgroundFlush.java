package dev.iopaint.core.download;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Flushes a file being written to the disk on a thread of its own, whenever another {@link #EVERY} bytes have
 * been written and no flush is running, so the flush that must finish before the file is renamed has little left
 * to do: otherwise the disk only starts writing a multi-gigabyte model once it has all arrived.
 */
final class BackgroundFlush implements AutoCloseable {
    static final long EVERY = 32L << 20;

    private final FileChannel out;
    private final ExecutorService thread;
    private long unflushed;
    private Future<?> running = CompletableFuture.completedFuture(null);

    /** @param name the thread's name, e.g. "iopaint-flush big-lama.pt" */
    BackgroundFlush(FileChannel out, String name) {
        this.out = out;
        this.thread = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(task, name);
            t.setDaemon(true);
            return t;
        });
    }

    /** Counts bytes just written; starts a flush when enough have gathered and none is running. */
    void written(long bytes) {
        unflushed += bytes;
        if (unflushed >= EVERY && running.isDone()) {
            unflushed = 0;
            running = thread.submit(() -> {
                out.force(false);
                return null;
            });
        }
    }

    /**
     * Waits for a flush in progress, then flushes the rest, the file's metadata included.
     *
     * @throws IOException when this or an earlier background flush failed
     */
    void finish() throws IOException, InterruptedException {
        try {
            running.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof IOException io ? io : new IOException(e.getCause());
        }
        out.force(true);
    }

    /** Lets a running flush end on its own: interrupting it would close the channel under the writer. */
    @Override
    public void close() {
        thread.shutdown();
    }
}
