package dev.iopaint.openai.budget;

import dev.iopaint.api.IopaintException;
import java.math.BigDecimal;
import java.time.Instant;

/** A paid call was refused because it would take {@code window}'s spending past its cap (HTTP 402). */
public class BudgetExceededException extends IopaintException {
    private final BudgetWindow window;
    private final BigDecimal spent;
    private final BigDecimal cap;
    private final BigDecimal estimate;
    private final Instant resetsAt;

    public BudgetExceededException(BudgetWindow window, BigDecimal spent, BigDecimal cap, BigDecimal estimate,
            Instant resetsAt) {
        super(message(window, spent, cap, estimate, resetsAt));
        this.window = window;
        this.spent = spent;
        this.cap = cap;
        this.estimate = estimate;
        this.resetsAt = resetsAt;
    }

    private static String message(BudgetWindow window, BigDecimal spent, BigDecimal cap, BigDecimal estimate,
            Instant resetsAt) {
        String name = window.wireName();
        String when = resetsAt == null ? "Start a new session" : "It resets at " + resetsAt;
        return "The " + name + " budget cap is reached: " + Usd.format(spent) + " of " + Usd.format(cap)
                + " spent and this request is estimated at " + Usd.format(estimate) + ". " + when
                + ", or raise the " + name + " cap.";
    }

    /** The cap that stopped the call. */
    public BudgetWindow window() {
        return window;
    }

    public BigDecimal spent() {
        return spent;
    }

    public BigDecimal cap() {
        return cap;
    }

    public BigDecimal estimate() {
        return estimate;
    }

    /** When the window starts over (UTC midnight, the first of next month), or null for a session cap. */
    public Instant resetsAt() {
        return resetsAt;
    }
}
