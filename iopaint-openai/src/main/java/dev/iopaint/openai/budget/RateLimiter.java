package dev.iopaint.openai.budget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Lets each session make one paid request per {@code limit} (zero turns it off). The last request time lives in
 * the ledger's database, so the check and the update are one transaction and survive restarts.
 */
final class RateLimiter {
    private final BudgetStore store;
    private final Duration limit;
    private final Clock clock;

    RateLimiter(BudgetStore store, Duration limit, Clock clock) {
        this.store = store;
        this.limit = limit;
        this.clock = clock;
    }

    /**
     * Records a request by {@code session} now, or refuses it with the wait the fork reports:
     * the whole seconds of {@code limit − elapsed}, plus one.
     */
    void acquire(String session) {
        Objects.requireNonNull(session, "session");
        if (limit.isZero()) {
            return;
        }
        Long waitSeconds = store.write(connection -> {
            long now = clock.millis();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT last_request_at FROM rate_limits WHERE session = ?")) {
                select.setString(1, session);
                try (ResultSet row = select.executeQuery()) {
                    if (row.next()) {
                        Duration elapsed = Duration.ofMillis(now - row.getLong(1));
                        if (elapsed.compareTo(limit) < 0) {
                            return limit.minus(elapsed).toSeconds() + 1;
                        }
                    }
                }
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO rate_limits (session, last_request_at) VALUES (?, ?)")) {
                upsert.setString(1, session);
                upsert.setLong(2, now);
                upsert.executeUpdate();
            }
            return null;
        });
        if (waitSeconds != null) {
            throw new RateLimitedException(session, waitSeconds);
        }
    }
}
