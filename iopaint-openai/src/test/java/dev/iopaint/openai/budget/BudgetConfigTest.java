package dev.iopaint.openai.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.UnsupportedInputException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BudgetConfigTest {

    @Test
    void empty_settings_give_the_fork_defaults() {
        BudgetConfig config = BudgetConfig.fromSettings(Map.of());

        assertThat(config.dailyCap()).isEqualByComparingTo("10");
        assertThat(config.monthlyCap()).isEqualByComparingTo("100");
        assertThat(config.sessionCap()).isEqualByComparingTo("5");
        assertThat(config.rateLimit()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.dedupeEnabled()).isTrue();
        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofHours(1));
        assertThat(config.dataDir())
                .isEqualTo(Path.of(System.getProperty("user.home"), ".iopaint", "data"));
    }

    @Test
    void settings_override_every_value() {
        BudgetConfig config = BudgetConfig.fromSettings(Map.of("AIE_BUDGET_DAILY_CAP", "2.5",
                "AIE_BUDGET_MONTHLY_CAP", "0", "AIE_BUDGET_SESSION_CAP", " 1 ", "AIE_RATE_LIMIT_SECONDS", "1.5",
                "AIE_DEDUPE_ENABLED", "false", "AIE_DEDUPE_TTL_SECONDS", "60", "AIE_DATA_DIR", "/tmp/budget"));

        assertThat(config.limits()).isEqualTo(new BudgetLimits(new BigDecimal("2.5"), BigDecimal.ZERO,
                BigDecimal.ONE));
        assertThat(config.rateLimit()).isEqualTo(Duration.ofMillis(1500));
        assertThat(config.dedupeEnabled()).isFalse();
        assertThat(config.dedupeTtl()).isEqualTo(Duration.ofMinutes(1));
        assertThat(config.dataDir()).isEqualTo(Path.of("/tmp/budget"));
    }

    @Test
    void blank_settings_keep_the_default() {
        assertThat(BudgetConfig.fromSettings(Map.of("AIE_BUDGET_DAILY_CAP", " ")).dailyCap())
                .isEqualByComparingTo("10");
    }

    @Test
    void negative_cap_is_refused_with_its_name() {
        assertThatThrownBy(() -> BudgetConfig.fromSettings(Map.of("AIE_BUDGET_DAILY_CAP", "-1")))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("AIE_BUDGET_DAILY_CAP is -1; it cannot be negative (0 turns it off)");
    }

    @Test
    void non_numeric_value_is_refused_with_its_name() {
        assertThatThrownBy(() -> BudgetConfig.fromSettings(Map.of("AIE_RATE_LIMIT_SECONDS", "ten")))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("AIE_RATE_LIMIT_SECONDS is 'ten', which is not a number; use e.g. 10");
        assertThatThrownBy(() -> BudgetConfig.fromSettings(Map.of("AIE_DEDUPE_ENABLED", "maybe")))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("AIE_DEDUPE_ENABLED is 'maybe'");
    }
}
