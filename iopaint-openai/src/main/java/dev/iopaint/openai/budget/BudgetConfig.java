package dev.iopaint.openai.budget;

import dev.iopaint.api.UnsupportedInputException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How the budget guard is set up. Caps are USD (0 = unlimited); the data folder holds {@code budget.db}.
 * Defaults are the fork's: $10 a day, $100 a month, $5 a session, one paid call per 10 s per session,
 * identical requests answered from the cache for an hour, data under {@code ~/.iopaint/data}.
 */
public record BudgetConfig(BigDecimal dailyCap, BigDecimal monthlyCap, BigDecimal sessionCap, Duration rateLimit,
        boolean dedupeEnabled, Duration dedupeTtl, Path dataDir) {

    public static final BigDecimal DEFAULT_DAILY_CAP = new BigDecimal("10.0");
    public static final BigDecimal DEFAULT_MONTHLY_CAP = new BigDecimal("100.0");
    public static final BigDecimal DEFAULT_SESSION_CAP = new BigDecimal("5.0");
    public static final Duration DEFAULT_RATE_LIMIT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_DEDUPE_TTL = Duration.ofSeconds(3600);

    public BudgetConfig {
        new BudgetLimits(dailyCap, monthlyCap, sessionCap);
        requireNotNegative("rate limit", rateLimit);
        requireNotNegative("dedupe TTL", dedupeTtl);
        Objects.requireNonNull(dataDir, "dataDir");
    }

    /** The defaults with {@code dataDir} as the data folder. */
    public static BudgetConfig defaults(Path dataDir) {
        return new BudgetConfig(DEFAULT_DAILY_CAP, DEFAULT_MONTHLY_CAP, DEFAULT_SESSION_CAP, DEFAULT_RATE_LIMIT, true,
                DEFAULT_DEDUPE_TTL, dataDir);
    }

    /** {@code ~/.iopaint/data}, where the fork keeps its budget database. */
    public static Path defaultDataDir() {
        return Path.of(System.getProperty("user.home"), ".iopaint", "data");
    }

    /**
     * Reads the fork's variables ({@code AIE_BUDGET_DAILY_CAP}, {@code AIE_BUDGET_MONTHLY_CAP},
     * {@code AIE_BUDGET_SESSION_CAP}, {@code AIE_RATE_LIMIT_SECONDS}, {@code AIE_DEDUPE_ENABLED},
     * {@code AIE_DEDUPE_TTL_SECONDS}, {@code AIE_DATA_DIR}) from {@code settings}, which the caller gathers from
     * flags and the environment; a missing or blank one keeps its default.
     */
    public static BudgetConfig fromSettings(Map<String, String> settings) {
        return new BudgetConfig(
                amount(settings, "AIE_BUDGET_DAILY_CAP", DEFAULT_DAILY_CAP),
                amount(settings, "AIE_BUDGET_MONTHLY_CAP", DEFAULT_MONTHLY_CAP),
                amount(settings, "AIE_BUDGET_SESSION_CAP", DEFAULT_SESSION_CAP),
                Duration.ofMillis(amount(settings, "AIE_RATE_LIMIT_SECONDS", BigDecimal.TEN)
                        .movePointRight(3).longValue()),
                flag(settings, "AIE_DEDUPE_ENABLED", true),
                Duration.ofMillis(amount(settings, "AIE_DEDUPE_TTL_SECONDS", BigDecimal.valueOf(3600))
                        .movePointRight(3).longValue()),
                value(settings, "AIE_DATA_DIR") == null ? defaultDataDir() : Path.of(value(settings, "AIE_DATA_DIR")));
    }

    /** The caps as a value, before any override saved in the ledger. */
    public BudgetLimits limits() {
        return new BudgetLimits(dailyCap, monthlyCap, sessionCap);
    }

    private static String value(Map<String, String> settings, String name) {
        String raw = settings.get(name);
        return raw == null || raw.isBlank() ? null : raw.trim();
    }

    private static BigDecimal amount(Map<String, String> settings, String name, BigDecimal fallback) {
        String raw = value(settings, name);
        if (raw == null) {
            return fallback;
        }
        BigDecimal parsed;
        try {
            parsed = new BigDecimal(raw);
        } catch (NumberFormatException e) {
            throw new UnsupportedInputException(name + " is '" + raw + "', which is not a number; use e.g. "
                    + fallback.toPlainString());
        }
        if (parsed.signum() < 0) {
            throw new UnsupportedInputException(name + " is " + raw + "; it cannot be negative (0 turns it off)");
        }
        return parsed;
    }

    private static boolean flag(Map<String, String> settings, String name, boolean fallback) {
        String raw = value(settings, name);
        if (raw == null) {
            return fallback;
        }
        return switch (raw.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "1", "yes", "on" -> true;
            case "false", "0", "no", "off" -> false;
            default -> throw new UnsupportedInputException(name + " is '" + raw + "'; use true or false");
        };
    }

    private static void requireNotNegative(String name, Duration duration) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative()) {
            throw new UnsupportedInputException("The " + name + " is " + duration + "; it cannot be negative");
        }
    }
}
