package dev.iopaint.openai.budget;

import dev.iopaint.api.IopaintException;

/** A session asked for a paid call sooner than the rate limit allows (HTTP 429). */
public class RateLimitedException extends IopaintException {
    private final long retryAfterSeconds;

    public RateLimitedException(String session, long retryAfterSeconds) {
        super("Session " + session + " made a paid request too recently; wait " + retryAfterSeconds
                + " s before the next one");
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** Whole seconds to wait before trying again (for a Retry-After header). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
