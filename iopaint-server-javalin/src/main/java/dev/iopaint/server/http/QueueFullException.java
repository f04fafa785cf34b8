package dev.iopaint.server.http;

import dev.iopaint.api.IopaintException;

/** Too many inpaint requests are waiting for the model; answered with 503 and a {@code Retry-After} header. */
public final class QueueFullException extends IopaintException {
    private final long retryAfterSeconds;

    public QueueFullException(String message, long retryAfterSeconds) {
        super(message);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** When trying again has a fair chance, in whole seconds (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
