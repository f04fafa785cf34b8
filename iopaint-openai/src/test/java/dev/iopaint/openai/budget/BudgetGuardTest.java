package dev.iopaint.openai.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetGuardTest {
    private static final byte[] IMAGE = "png bytes".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock("2026-03-14T15:00:00Z");
    private final AtomicInteger calls = new AtomicInteger();
    private final Supplier<byte[]> api = () -> {
        calls.incrementAndGet();
        return IMAGE;
    };
    private BudgetGuard guard;

    @AfterEach
    void close() {
        guard.close();
    }

    private BudgetGuard open(Duration rateLimit, boolean dedupe) {
        guard = BudgetGuard.open(new BudgetConfig(new BigDecimal("10"), new BigDecimal("100"), new BigDecimal("5"),
                rateLimit, dedupe, Duration.ofHours(1), dataDir), clock);
        return guard;
    }

    private static PaidRequest request(String session, String prompt) {
        return new PaidRequest(session, "edit", "gpt-image-1", "1024x1024", "hd", prompt, Map.of("n", "1"),
                List.of(new byte[] {1, 2, 3}));
    }

    private BigDecimal spentToday() {
        return guard.ledger().status(null).window(BudgetWindow.DAILY).spent();
    }

    @Test
    void a_call_is_charged_its_estimate() {
        PaidResult result = open(Duration.ZERO, true).run(request("a", "a red hat"), api);

        assertThat(result.bytes()).isEqualTo(IMAGE);
        assertThat(result.charged()).isEqualByComparingTo("0.08");
        assertThat(result.cached()).isFalse();
        assertThat(spentToday()).isEqualByComparingTo("0.08");
    }

    @Test
    void an_identical_request_is_answered_from_the_cache_without_a_call_or_a_charge() {
        open(Duration.ofSeconds(10), true).run(request("a", "a red hat"), api);

        PaidResult again = guard.run(request("b", "  a red   hat "), api);

        assertThat(again.bytes()).isEqualTo(IMAGE);
        assertThat(again.cached()).isTrue();
        assertThat(again.charged()).isEqualByComparingTo("0");
        assertThat(calls).hasValue(1);
        assertThat(spentToday()).isEqualByComparingTo("0.08");
    }

    @Test
    void the_cache_expires_after_its_ttl() {
        open(Duration.ZERO, true).run(request("a", "a red hat"), api);
        clock.advance(Duration.ofMinutes(59));
        assertThat(guard.run(request("a", "a red hat"), api).cached()).isTrue();

        clock.advance(Duration.ofMinutes(1));

        assertThat(guard.run(request("a", "a red hat"), api).cached()).isFalse();
        assertThat(calls).hasValue(2);
        assertThat(spentToday()).isEqualByComparingTo("0.16");
    }

    @Test
    void dedupe_off_calls_every_time() {
        open(Duration.ZERO, false).run(request("a", "a red hat"), api);
        guard.run(request("a", "a red hat"), api);

        assertThat(calls).hasValue(2);
    }

    @Test
    void a_session_waits_out_the_rate_limit() {
        open(Duration.ofSeconds(10), true).run(request("a", "first"), api);
        clock.advance(Duration.ofMillis(3500));

        assertThatThrownBy(() -> guard.run(request("a", "second"), api))
                .isInstanceOfSatisfying(RateLimitedException.class,
                        e -> assertThat(e.retryAfterSeconds()).isEqualTo(7))
                .hasMessage("Session a made a paid request too recently; wait 7 s before the next one");
        guard.run(request("b", "other session"), api);

        clock.advance(Duration.ofMillis(6500));
        guard.run(request("a", "second"), api);
        assertThat(calls).hasValue(3);
    }

    @Test
    void a_failed_call_charges_nothing_and_its_error_reaches_the_caller() {
        open(Duration.ZERO, true);
        Supplier<byte[]> broken = () -> {
            throw new IllegalStateException("upstream 500");
        };

        assertThatThrownBy(() -> guard.run(request("a", "a red hat"), broken)).hasMessage("upstream 500");

        assertThat(spentToday()).isEqualByComparingTo("0");
        assertThat(guard.run(request("a", "a red hat"), api).cached()).isFalse();
    }

    @Test
    void a_refused_request_never_reaches_the_api() {
        open(Duration.ZERO, true).ledger().setLimits(new BudgetLimits(new BigDecimal("0.10"), BigDecimal.ZERO,
                BigDecimal.ZERO));
        guard.run(request("a", "one"), api);

        assertThatThrownBy(() -> guard.run(request("a", "two"), api))
                .isInstanceOf(BudgetExceededException.class);
        assertThat(calls).hasValue(1);
    }
}
