package dev.iopaint.core.download;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How model files are fetched.
 *
 * @param overrides      the process environment as the caller read it; {@code <NAME>_URL} and {@code <NAME>_MD5}
 *                       entries replace a file's URL and checksum, as in IOPaint (library code never reads the
 *                       environment itself)
 * @param offline        never open a connection; a missing file is an error that says where to place it
 * @param connectTimeout how long to wait for a connection, and again for the response headers
 * @param stallTimeout   how long a download may go without receiving a byte before the attempt fails
 * @param maxAttempts    attempts per file for transient errors (network, timeouts, HTTP 5xx and 429), at least 1
 * @param initialBackoff pause before the second attempt; it doubles for each further one (up to {@link #MAX_BACKOFF})
 */
public record DownloadSettings(Map<String, String> overrides, boolean offline, Duration connectTimeout,
                               Duration stallTimeout, int maxAttempts, Duration initialBackoff) {

    /** The longest pause between two attempts, however many there are. */
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    public DownloadSettings {
        overrides = Map.copyOf(Objects.requireNonNull(overrides, "overrides"));
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(stallTimeout, "stallTimeout");
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        if (initialBackoff.isNegative()) {
            throw new IllegalArgumentException("initialBackoff cannot be negative, got " + initialBackoff);
        }
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
    }

    /** No overrides, online, 15 s to connect, 60 s stall limit, 4 attempts, 1 s backoff doubling. */
    public static DownloadSettings defaults() {
        return new DownloadSettings(Map.of(), false, Duration.ofSeconds(15), Duration.ofSeconds(60), 4,
                Duration.ofSeconds(1));
    }

    public DownloadSettings withOverrides(Map<String, String> newOverrides) {
        return new DownloadSettings(newOverrides, offline, connectTimeout, stallTimeout, maxAttempts, initialBackoff);
    }

    public DownloadSettings withOffline(boolean newOffline) {
        return new DownloadSettings(overrides, newOffline, connectTimeout, stallTimeout, maxAttempts, initialBackoff);
    }

    public DownloadSettings withConnectTimeout(Duration timeout) {
        return new DownloadSettings(overrides, offline, timeout, stallTimeout, maxAttempts, initialBackoff);
    }

    public DownloadSettings withStallTimeout(Duration timeout) {
        return new DownloadSettings(overrides, offline, connectTimeout, timeout, maxAttempts, initialBackoff);
    }

    public DownloadSettings withMaxAttempts(int attempts) {
        return new DownloadSettings(overrides, offline, connectTimeout, stallTimeout, attempts, initialBackoff);
    }

    public DownloadSettings withInitialBackoff(Duration backoff) {
        return new DownloadSettings(overrides, offline, connectTimeout, stallTimeout, maxAttempts, backoff);
    }

    /** The pause after the given failed attempt (1-based): initialBackoff * 2^(attempt-1), capped. */
    public Duration backoffAfter(int failedAttempt) {
        Duration pause = initialBackoff;
        for (int i = 1; i < failedAttempt && pause.compareTo(MAX_BACKOFF) < 0; i++) {
            pause = pause.multipliedBy(2);
        }
        return pause.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : pause;
    }

    /** The non-blank override for this variable, or null. */
    String override(String variable) {
        String value = overrides.get(variable);
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, got " + duration);
        }
    }
}
