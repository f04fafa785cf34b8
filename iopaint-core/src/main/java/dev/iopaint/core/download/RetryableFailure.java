package dev.iopaint.core.download;

/** A failed attempt worth repeating: the network, a timeout, a stalled server, HTTP 5xx, 408 or 429. */
final class RetryableFailure extends Exception {
    RetryableFailure(String reason) {
        super(reason);
    }

    RetryableFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
