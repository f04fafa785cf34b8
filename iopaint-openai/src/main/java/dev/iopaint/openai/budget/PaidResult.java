package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.util.Objects;

/** What a guarded call returned, what it was charged and whether it came from the dedupe cache (free). */
public record PaidResult(byte[] bytes, BigDecimal charged, boolean cached) {
    public PaidResult {
        Objects.requireNonNull(bytes, "bytes");
        Objects.requireNonNull(charged, "charged");
    }
}
