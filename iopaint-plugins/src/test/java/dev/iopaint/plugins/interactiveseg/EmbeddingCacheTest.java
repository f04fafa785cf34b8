package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {
    final AtomicInteger encoded = new AtomicInteger();

    static ImageKey key(int seed) {
        byte[] pixels = new byte[2 * 3 * 3];
        pixels[0] = (byte) seed;
        return ImageKey.of(new RgbImage(2, 3, pixels));
    }

    Supplier<Embedding> encoder() {
        return () -> {
            encoded.incrementAndGet();
            return new Embedding(new float[Embedding.SIZE]);
        };
    }

    @Test
    void a_second_request_for_an_image_reuses_its_embedding() {
        EmbeddingCache cache = new EmbeddingCache(4);

        Embedding first = cache.get(key(1), encoder());
        Embedding second = cache.get(key(1), encoder());

        assertThat(second).isSameAs(first);
        assertThat(encoded).hasValue(1);
    }

    @Test
    void the_least_recently_used_image_is_dropped_when_full() {
        EmbeddingCache cache = new EmbeddingCache(2);
        cache.get(key(1), encoder());
        cache.get(key(2), encoder());
        cache.get(key(1), encoder());

        cache.get(key(3), encoder());
        cache.get(key(1), encoder());
        assertThat(encoded).hasValue(3);
        cache.get(key(2), encoder());

        assertThat(encoded).hasValue(4);
        assertThat(cache.size()).isEqualTo(2);
    }

    @Test
    void concurrent_first_requests_for_one_image_encode_it_once() throws Exception {
        EmbeddingCache cache = new EmbeddingCache(4);
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Supplier<Embedding> slow = () -> {
            started.countDown();
            await(release);
            return encoder().get();
        };
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Embedding> first = threads.submit(() -> cache.get(key(1), slow));
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            AtomicReference<Thread> waiter = new AtomicReference<>();
            Future<Embedding> second = threads.submit(() -> {
                waiter.set(Thread.currentThread());
                return cache.get(key(1), slow);
            });
            awaitWaiting(waiter);
            release.countDown();

            assertThat(second.get(10, TimeUnit.SECONDS)).isSameAs(first.get(10, TimeUnit.SECONDS));
            assertThat(encoded).hasValue(1);
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void a_failed_encoding_is_not_cached() {
        EmbeddingCache cache = new EmbeddingCache(4);

        assertThatThrownBy(() -> cache.get(key(1), () -> {
            throw new InferenceFailedException("out of memory");
        })).isInstanceOf(InferenceFailedException.class).hasMessage("out of memory");
        cache.get(key(1), encoder());

        assertThat(encoded).hasValue(1);
    }

    @Test
    void images_are_told_apart_by_their_pixels_and_their_size() {
        byte[] pixels = new byte[6 * 3];
        byte[] other = pixels.clone();
        other[17] = 1;

        assertThat(ImageKey.of(new RgbImage(2, 3, pixels))).isEqualTo(ImageKey.of(new RgbImage(2, 3, pixels.clone())))
                .isNotEqualTo(ImageKey.of(new RgbImage(2, 3, other)))
                .isNotEqualTo(ImageKey.of(new RgbImage(3, 2, pixels)));
    }

    /** Until the thread parks, waiting for the first request's embedding. */
    private static void awaitWaiting(AtomicReference<Thread> thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.get() == null || thread.get().getState() != Thread.State.WAITING) {
            assertThat(System.nanoTime()).as("the second request waits").isLessThan(deadline);
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
