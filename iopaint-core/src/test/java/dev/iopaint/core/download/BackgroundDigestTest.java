package dev.iopaint.core.download;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackgroundDigestTest {
    private static final byte[] CONTENT = DownloaderTest.randomBytes(500_000);

    /** The content as batches of read-only 16 KiB buffers, as HttpClient hands them out. */
    private static List<List<ByteBuffer>> batches(byte[] content, int from) {
        List<List<ByteBuffer>> batches = new ArrayList<>();
        List<ByteBuffer> batch = new ArrayList<>();
        for (int start = from; start < content.length; start += 16_384) {
            int end = Math.min(content.length, start + 16_384);
            batch.add(ByteBuffer.wrap(Arrays.copyOfRange(content, start, end)).asReadOnlyBuffer());
            if (batch.size() == 3) {
                batches.add(batch);
                batch = new ArrayList<>();
            }
        }
        if (!batch.isEmpty()) {
            batches.add(batch);
        }
        return batches;
    }

    @Test
    void hashes_the_batches_in_order_to_the_md5_of_the_whole_body() throws Exception {
        try (BackgroundDigest hashing = new BackgroundDigest(Md5.newDigest(), "test-md5")) {
            for (List<ByteBuffer> batch : batches(CONTENT, 0)) {
                hashing.update(batch);
            }

            assertThat(hashing.hex()).isEqualTo(DownloaderTest.md5(CONTENT));
        }
    }

    @Test
    void leaves_the_buffers_positions_for_the_write_that_follows() throws Exception {
        List<ByteBuffer> batch = batches(CONTENT, 0).get(0);
        try (BackgroundDigest hashing = new BackgroundDigest(Md5.newDigest(), "test-md5")) {
            hashing.update(batch);
            hashing.hex();
        }

        assertThat(batch).allSatisfy(buffer -> assertThat(buffer.position()).isZero());
        assertThat(batch.get(0).remaining()).isEqualTo(16_384);
    }

    @Test
    void continues_a_digest_that_already_holds_the_resumed_part() throws Exception {
        MessageDigest digest = Md5.newDigest();
        digest.update(CONTENT, 0, 100_000);
        try (BackgroundDigest hashing = new BackgroundDigest(digest, "test-md5")) {
            for (List<ByteBuffer> batch : batches(CONTENT, 100_000)) {
                hashing.update(batch);
            }

            assertThat(hashing.hex()).isEqualTo(DownloaderTest.md5(CONTENT));
        }
    }

    @Test
    void holds_the_caller_back_once_the_queue_is_full_until_hashing_catches_up() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        MessageDigest stalled = new MessageDigest("MD5") {
            private final MessageDigest md5 = Md5.newDigest();

            @Override
            protected void engineUpdate(byte input) {
                md5.update(input);
            }

            @Override
            protected void engineUpdate(byte[] input, int offset, int length) {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                md5.update(input, offset, length);
            }

            @Override
            protected byte[] engineDigest() {
                return md5.digest();
            }

            @Override
            protected void engineReset() {
                md5.reset();
            }
        };
        List<List<ByteBuffer>> batches = batches(CONTENT, 0);
        assertThat(batches).hasSizeGreaterThan(BackgroundDigest.MAX_QUEUED + 1);
        AtomicInteger queued = new AtomicInteger();
        ExecutorService caller = Executors.newSingleThreadExecutor();
        try (BackgroundDigest hashing = new BackgroundDigest(stalled, "test-md5")) {
            Future<?> feeding = caller.submit(() -> {
                for (List<ByteBuffer> batch : batches) {
                    hashing.update(batch);
                    queued.incrementAndGet();
                }
                return null;
            });

            assertThatThrownBy(() -> feeding.get(300, TimeUnit.MILLISECONDS)).isInstanceOf(TimeoutException.class);
            assertThat(queued.get()).isEqualTo(BackgroundDigest.MAX_QUEUED);

            release.countDown();
            feeding.get(5, TimeUnit.SECONDS);
            assertThat(hashing.hex()).isEqualTo(DownloaderTest.md5(CONTENT));
        } finally {
            caller.shutdownNow();
        }
    }
}
