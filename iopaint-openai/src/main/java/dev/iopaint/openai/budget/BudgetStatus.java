package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** Spending against each cap, and the overall level the web client shows. */
public record BudgetStatus(Level level, List<Window> windows) {
    /** Share of a cap at which the level becomes {@link Level#WARNING}. */
    public static final BigDecimal WARNING_SHARE = new BigDecimal("0.8");

    public enum Level {
        OK("ok"), WARNING("warning"), BLOCKED("blocked");

        private final String wireName;

        Level(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }

    /**
     * One window: what was spent, its cap (0 = unlimited), what is left (null when unlimited) and when it resets
     * (null for a session).
     */
    public record Window(BudgetWindow window, BigDecimal spent, BigDecimal cap, BigDecimal remaining,
            Instant resetsAt) {
        public Window {
            Objects.requireNonNull(window, "window");
            Objects.requireNonNull(spent, "spent");
            Objects.requireNonNull(cap, "cap");
        }

        static Window of(BudgetWindow window, BigDecimal spent, BigDecimal cap, Instant resetsAt) {
            BigDecimal remaining = cap.signum() == 0 ? null : cap.subtract(spent).max(BigDecimal.ZERO);
            return new Window(window, spent, cap, remaining, resetsAt);
        }

        Level level() {
            if (cap.signum() == 0) {
                return Level.OK;
            }
            if (spent.compareTo(cap) >= 0) {
                return Level.BLOCKED;
            }
            return spent.compareTo(cap.multiply(WARNING_SHARE)) >= 0 ? Level.WARNING : Level.OK;
        }
    }

    public BudgetStatus {
        Objects.requireNonNull(level, "level");
        windows = List.copyOf(windows);
    }

    /** The worst level of {@code windows}. */
    static BudgetStatus of(List<Window> windows) {
        Level worst = windows.stream().map(Window::level).max(Enum::compareTo).orElse(Level.OK);
        return new BudgetStatus(worst, windows);
    }

    /** The entry for {@code window}; a status asked for without a session has no session entry. */
    public Window window(BudgetWindow window) {
        return windows.stream().filter(w -> w.window() == window).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("This status has no " + window.wireName() + " window"));
    }
}
