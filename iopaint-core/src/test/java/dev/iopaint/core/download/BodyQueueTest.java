package dev.iopaint.core.download;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BodyQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(2);

    /** Records what the queue asks of the body. */
    static final class Subscription implements Flow.Subscription {
        final List<Long> requests = new CopyOnWriteArrayList<>();
        volatile boolean cancelled;

        @Override
        public void request(long n) {
            requests.add(n);
        }

        @Override
        public void cancel() {
            cancelled = true;
        }
    }

    private final Subscription subscription = new Subscription();
    private final BodyQueue queue = new BodyQueue();

    private static ByteBuffer bytes(int... values) {
        ByteBuffer buffer = ByteBuffer.allocate(values.length);
        for (int value : values) {
            buffer.put((byte) value);
        }
        return buffer.flip();
    }

    @Test
    void asks_for_a_window_of_chunks_ahead_on_subscription() {
        queue.onSubscribe(subscription);

        assertThat(subscription.requests).containsExactly((long) BodyQueue.WINDOW);
    }

    @Test
    void hands_over_every_chunk_that_has_arrived_in_order_and_asks_for_as_many_more() throws Exception {
        queue.onSubscribe(subscription);
        queue.onNext(List.of(bytes(1, 2), bytes(3)));
        queue.onNext(List.of(bytes(4)));
        queue.onNext(List.of(bytes(5, 6)));

        List<ByteBuffer> batch = queue.next(WAIT);

        assertThat(batch).containsExactly(bytes(1, 2), bytes(3), bytes(4), bytes(5, 6));
        assertThat(subscription.requests).containsExactly((long) BodyQueue.WINDOW, 3L);
    }

    @Test
    void reports_the_end_only_after_the_chunks_that_came_before_it() throws Exception {
        queue.onSubscribe(subscription);
        queue.onNext(List.of(bytes(1)));
        queue.onComplete();

        assertThat(queue.next(WAIT)).containsExactly(bytes(1));
        assertThat(queue.next(WAIT)).isNull();
    }

    @Test
    void reports_a_failure_only_after_the_chunks_that_came_before_it() throws Exception {
        queue.onSubscribe(subscription);
        queue.onNext(List.of(bytes(1)));
        queue.onError(new IOException("connection reset"));

        assertThat(queue.next(WAIT)).containsExactly(bytes(1));
        assertThatThrownBy(() -> queue.next(WAIT)).isInstanceOf(IOException.class).hasMessage("connection reset");
    }

    @Test
    void a_body_that_sends_nothing_within_the_stall_timeout_is_cancelled() {
        queue.onSubscribe(subscription);

        assertThatThrownBy(() -> queue.next(Duration.ofMillis(50)))
                .isInstanceOf(HttpTimeoutException.class)
                .hasMessage("the server sent nothing for 50 ms");
        assertThat(subscription.cancelled).isTrue();
    }

    @Test
    void a_chunk_arriving_while_the_caller_waits_ends_the_wait() throws Exception {
        queue.onSubscribe(subscription);
        Thread sender = new Thread(() -> {
            sleep(100);
            queue.onNext(List.of(bytes(7)));
        });
        sender.start();

        assertThat(queue.next(WAIT)).containsExactly(bytes(7));
        sender.join();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
