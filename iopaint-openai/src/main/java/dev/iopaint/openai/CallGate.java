package dev.iopaint.openai;

import java.util.function.Supplier;

/**
 * Where a budget guard stands in front of paid upstream calls: it may run the call (after pricing and reserving
 * it), answer without it (an identical request's cached result), or refuse it by throwing.
 */
public interface CallGate {
    /** Runs every call and records nothing. */
    CallGate NONE = (call, upstream) -> upstream.get();

    /**
     * @param call     what the call is about to do, for pricing and fingerprinting
     * @param upstream the paid call itself; it answers the image file
     * @return the image file, from {@code upstream} or from a cache
     */
    byte[] call(PaidCall call, Supplier<byte[]> upstream);
}
