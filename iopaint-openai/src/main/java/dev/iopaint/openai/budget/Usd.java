package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Dollar amounts as the ledger stores them: whole micro-dollars, so sums and cap checks are exact. */
final class Usd {
    private static final BigDecimal MICROS_PER_DOLLAR = BigDecimal.valueOf(1_000_000);

    private Usd() {
    }

    static long toMicros(BigDecimal dollars) {
        return dollars.multiply(MICROS_PER_DOLLAR).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    static BigDecimal ofMicros(long micros) {
        return BigDecimal.valueOf(micros).divide(MICROS_PER_DOLLAR).setScale(4, RoundingMode.HALF_UP);
    }

    /** "$1.2345" trimmed to cents when it has no finer part, e.g. "$10.00", "$0.04", "$0.0001". */
    static String format(BigDecimal dollars) {
        BigDecimal cents = dollars.setScale(2, RoundingMode.HALF_UP);
        return "$" + (cents.compareTo(dollars) == 0 ? cents : dollars.stripTrailingZeros()).toPlainString();
    }
}
