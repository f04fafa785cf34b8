package dev.iopaint.openai.budget;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** The spans a cap counts spending over: a session's whole life, the UTC day, the UTC month. */
public enum BudgetWindow {
    SESSION("session"),
    DAILY("daily"),
    MONTHLY("monthly");

    private final String wireName;

    BudgetWindow(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Where the window holding {@code now} starts; a session counts from the beginning of time. */
    Instant start(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (this) {
            case SESSION -> Instant.EPOCH;
            case DAILY -> today.atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTHLY -> today.withDayOfMonth(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }

    /** When the window holding {@code now} ends, or null for a session, which never resets. */
    Instant resetsAt(Instant now) {
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        return switch (this) {
            case SESSION -> null;
            case DAILY -> today.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            case MONTHLY -> today.withDayOfMonth(1).plusMonths(1).atStartOfDay(ZoneOffset.UTC).toInstant();
        };
    }
}
