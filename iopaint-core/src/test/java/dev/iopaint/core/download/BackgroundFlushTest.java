package dev.iopaint.core.download;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundFlushTest {
    @TempDir
    Path dir;

    /** A file channel that records its flushes ("force(false) on <thread>") and can hold them or make them fail. */
    static final class RecordingChannel extends FileChannel {
        final List<String> forces = new CopyOnWriteArrayList<>();
        final CountDownLatch release = new CountDownLatch(1);
        volatile boolean holdBackgroundFlushes;
        volatile IOException failure;
        private final FileChannel file;

        RecordingChannel(Path path) throws IOException {
            file = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            forces.add("force(" + metaData + ") on " + Thread.currentThread().getName());
            if (holdBackgroundFlushes && !metaData) {
                try {
                    release.await(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (failure != null) {
                throw failure;
            }
            file.force(metaData);
        }

        @Override
        public int read(ByteBuffer dst) throws IOException {
            return file.read(dst);
        }

        @Override
        public long read(ByteBuffer[] dsts, int offset, int length) throws IOException {
            return file.read(dsts, offset, length);
        }

        @Override
        public int write(ByteBuffer src) throws IOException {
            return file.write(src);
        }

        @Override
        public long write(ByteBuffer[] srcs, int offset, int length) throws IOException {
            return file.write(srcs, offset, length);
        }

        @Override
        public long position() throws IOException {
            return file.position();
        }

        @Override
        public FileChannel position(long newPosition) throws IOException {
            file.position(newPosition);
            return this;
        }

        @Override
        public long size() throws IOException {
            return file.size();
        }

        @Override
        public FileChannel truncate(long size) throws IOException {
            file.truncate(size);
            return this;
        }

        @Override
        public long transferTo(long position, long count, WritableByteChannel target) throws IOException {
            return file.transferTo(position, count, target);
        }

        @Override
        public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException {
            return file.transferFrom(src, position, count);
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return file.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            return file.write(src, position);
        }

        @Override
        public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException {
            return file.map(mode, position, size);
        }

        @Override
        public FileLock lock(long position, long size, boolean shared) throws IOException {
            return file.lock(position, size, shared);
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return file.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            file.close();
        }
    }

    @Test
    void does_not_flush_before_enough_has_been_written_and_then_flushes_once_with_metadata() throws Exception {
        try (RecordingChannel channel = new RecordingChannel(dir.resolve("a.part"));
             BackgroundFlush flushing = new BackgroundFlush(channel, "flusher")) {
            flushing.written(BackgroundFlush.EVERY - 1);
            flushing.finish();

            assertThat(channel.forces).containsExactly("force(true) on " + Thread.currentThread().getName());
        }
    }

    @Test
    void flushes_on_its_own_thread_each_time_enough_has_been_written() throws Exception {
        try (RecordingChannel channel = new RecordingChannel(dir.resolve("a.part"));
             BackgroundFlush flushing = new BackgroundFlush(channel, "flusher")) {
            flushing.written(BackgroundFlush.EVERY);
            flushing.finish();

            assertThat(channel.forces).containsExactly("force(false) on flusher",
                    "force(true) on " + Thread.currentThread().getName());
        }
    }

    @Test
    void starts_no_second_flush_while_one_runs_and_finish_waits_for_it() throws Exception {
        try (RecordingChannel channel = new RecordingChannel(dir.resolve("a.part"));
             BackgroundFlush flushing = new BackgroundFlush(channel, "flusher")) {
            channel.holdBackgroundFlushes = true;
            flushing.written(BackgroundFlush.EVERY);
            waitUntil(() -> !channel.forces.isEmpty());
            flushing.written(BackgroundFlush.EVERY);
            flushing.written(BackgroundFlush.EVERY);
            assertThat(channel.forces).containsExactly("force(false) on flusher");

            Thread releaser = new Thread(() -> {
                sleep(100);
                channel.release.countDown();
            });
            releaser.start();
            flushing.finish();
            releaser.join();

            assertThat(channel.forces).containsExactly("force(false) on flusher",
                    "force(true) on " + Thread.currentThread().getName());
        }
    }

    @Test
    void a_background_flush_that_failed_fails_the_finish() throws Exception {
        try (RecordingChannel channel = new RecordingChannel(dir.resolve("a.part"));
             BackgroundFlush flushing = new BackgroundFlush(channel, "flusher")) {
            channel.failure = new IOException("No space left on device");
            flushing.written(BackgroundFlush.EVERY);

            assertThatThrownBy(flushing::finish).isInstanceOf(IOException.class)
                    .hasMessage("No space left on device");
        }
    }

    private static void waitUntil(java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting");
            }
            sleep(5);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
