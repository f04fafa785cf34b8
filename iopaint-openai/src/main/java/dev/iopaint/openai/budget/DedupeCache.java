package dev.iopaint.openai.budget;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** Results of paid calls by request fingerprint, kept for {@code ttl} in the ledger's database. */
final class DedupeCache {
    private final BudgetStore store;
    private final Duration ttl;
    private final Clock clock;

    DedupeCache(BudgetStore store, Duration ttl, Clock clock) {
        this.store = store;
        this.ttl = ttl;
        this.clock = clock;
    }

    /** The bytes stored for {@code fingerprint} if they are younger than the TTL. */
    Optional<byte[]> find(String fingerprint) {
        return store.read(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT result FROM dedupe_cache WHERE fingerprint = ? AND created_at > ?")) {
                select.setString(1, fingerprint);
                select.setLong(2, clock.millis() - ttl.toMillis());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? Optional.of(row.getBytes(1)) : Optional.empty();
                }
            }
        });
    }

    /** Stores {@code result} under {@code fingerprint} and drops entries past the TTL. */
    void put(String fingerprint, byte[] result) {
        store.write(connection -> {
            long now = clock.millis();
            try (PreparedStatement purge = connection.prepareStatement(
                    "DELETE FROM dedupe_cache WHERE created_at <= ?")) {
                purge.setLong(1, now - ttl.toMillis());
                purge.executeUpdate();
            }
            try (PreparedStatement upsert = connection.prepareStatement(
                    "INSERT OR REPLACE INTO dedupe_cache (fingerprint, created_at, result) VALUES (?, ?, ?)")) {
                upsert.setString(1, fingerprint);
                upsert.setLong(2, now);
                upsert.setBytes(3, result);
                return upsert.executeUpdate();
            }
        });
    }
}
