package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.util.Objects;

/** A pending ledger entry holding {@code estimate} against the caps until it is settled. */
public record Reservation(long id, String session, BigDecimal estimate) {
    public Reservation {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(estimate, "estimate");
    }
}
