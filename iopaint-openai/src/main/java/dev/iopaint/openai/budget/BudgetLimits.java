package dev.iopaint.openai.budget;

import dev.iopaint.api.UnsupportedInputException;
import java.math.BigDecimal;
import java.util.Objects;

/** The three spending caps in USD; zero means that cap is off. */
public record BudgetLimits(BigDecimal dailyCap, BigDecimal monthlyCap, BigDecimal sessionCap) {
    public BudgetLimits {
        requireCap("daily", dailyCap);
        requireCap("monthly", monthlyCap);
        requireCap("session", sessionCap);
    }

    /** The cap for {@code window}; zero when unlimited. */
    public BigDecimal capOf(BudgetWindow window) {
        return switch (window) {
            case SESSION -> sessionCap;
            case DAILY -> dailyCap;
            case MONTHLY -> monthlyCap;
        };
    }

    private static void requireCap(String name, BigDecimal cap) {
        Objects.requireNonNull(cap, name + " cap");
        if (cap.signum() < 0) {
            throw new UnsupportedInputException("The " + name + " budget cap is " + cap.toPlainString()
                    + " USD; use 0 for unlimited or a positive amount");
        }
    }
}
