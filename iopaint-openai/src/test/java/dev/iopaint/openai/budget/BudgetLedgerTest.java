package dev.iopaint.openai.budget;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.UnsupportedInputException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BudgetLedgerTest {
    private static final BigDecimal FOUR_CENTS = new BigDecimal("0.04");

    @TempDir
    Path dataDir;

    private final MutableClock clock = new MutableClock("2026-03-14T15:00:00Z");
    private final List<BudgetLedger> opened = new ArrayList<>();

    @AfterEach
    void closeLedgers() {
        opened.forEach(BudgetLedger::close);
    }

    private BudgetLedger open(String daily, String monthly, String session) {
        BudgetConfig config = new BudgetConfig(new BigDecimal(daily), new BigDecimal(monthly),
                new BigDecimal(session), Duration.ZERO, false, Duration.ZERO, dataDir);
        BudgetLedger ledger = BudgetLedger.open(config, clock);
        opened.add(ledger);
        return ledger;
    }

    private static Reservation spend(BudgetLedger ledger, String session, String amount) {
        Reservation reservation = ledger.reserve(session, "edit", "gpt-image-1", new BigDecimal(amount), null);
        ledger.succeed(reservation, new BigDecimal(amount));
        return reservation;
    }

    @Test
    void session_cap_blocks_the_call_that_would_pass_it() {
        BudgetLedger ledger = open("0", "0", "0.10");
        spend(ledger, "a", "0.04");
        spend(ledger, "a", "0.04");

        assertThatThrownBy(() -> ledger.reserve("a", "edit", "gpt-image-1", FOUR_CENTS, null))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.window()).isEqualTo(BudgetWindow.SESSION);
                    assertThat(e.spent()).isEqualByComparingTo("0.08");
                    assertThat(e.cap()).isEqualByComparingTo("0.10");
                    assertThat(e.resetsAt()).isNull();
                    assertThat(e).hasMessage("The session budget cap is reached: $0.08 of $0.10 spent and this"
                            + " request is estimated at $0.04. Start a new session, or raise the session cap.");
                });
        // Another session has its own allowance; an amount that fits exactly is allowed.
        spend(ledger, "b", "0.04");
        spend(ledger, "a", "0.02");
    }

    @Test
    void daily_cap_counts_every_session_and_names_utc_midnight() {
        BudgetLedger ledger = open("0.10", "0", "0");
        spend(ledger, "a", "0.06");

        assertThatThrownBy(() -> ledger.reserve("b", "edit", "gpt-image-1", new BigDecimal("0.05"), null))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.window()).isEqualTo(BudgetWindow.DAILY);
                    assertThat(e.spent()).isEqualByComparingTo("0.06");
                    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));
                    assertThat(e).hasMessageContaining("It resets at 2026-03-15T00:00:00Z, or raise the daily cap.");
                });
    }

    @Test
    void daily_window_starts_over_at_utc_midnight() {
        BudgetLedger ledger = open("0.10", "0", "0");
        clock.set("2026-03-14T23:59:59Z");
        spend(ledger, "a", "0.10");
        assertThatThrownBy(() -> ledger.reserve("a", "edit", "m", new BigDecimal("0.01"), null))
                .isInstanceOf(BudgetExceededException.class);

        clock.set("2026-03-15T00:00:00Z");
        spend(ledger, "a", "0.10");
    }

    @Test
    void monthly_cap_counts_the_whole_utc_month_and_resets_on_the_first() {
        BudgetLedger ledger = open("0", "0.10", "0");
        clock.set("2026-03-01T00:00:00Z");
        spend(ledger, "a", "0.05");
        clock.set("2026-03-31T23:00:00Z");
        spend(ledger, "b", "0.05");

        assertThatThrownBy(() -> ledger.reserve("c", "edit", "m", new BigDecimal("0.0001"), null))
                .isInstanceOfSatisfying(BudgetExceededException.class, e -> {
                    assertThat(e.window()).isEqualTo(BudgetWindow.MONTHLY);
                    assertThat(e.resetsAt()).isEqualTo(Instant.parse("2026-04-01T00:00:00Z"));
                });
        clock.set("2026-04-01T00:00:00Z");
        spend(ledger, "c", "0.10");
    }

    @Test
    void caps_are_checked_session_then_daily_then_monthly() {
        BudgetLedger ledger = open("0.10", "0.10", "0.10");
        spend(ledger, "a", "0.10");

        assertThatThrownBy(() -> ledger.reserve("a", "edit", "m", FOUR_CENTS, null))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.window()).isEqualTo(BudgetWindow.SESSION));
        assertThatThrownBy(() -> ledger.reserve("b", "edit", "m", FOUR_CENTS, null))
                .isInstanceOfSatisfying(BudgetExceededException.class,
                        e -> assertThat(e.window()).isEqualTo(BudgetWindow.DAILY));
    }

    @Test
    void zero_caps_are_unlimited() {
        BudgetLedger ledger = open("0", "0", "0");
        for (int i = 0; i < 50; i++) {
            spend(ledger, "a", "100");
        }
        assertThat(ledger.status("a").window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("5000");
        assertThat(ledger.status("a").window(BudgetWindow.DAILY).remaining()).isNull();
        assertThat(ledger.status("a").level()).isEqualTo(BudgetStatus.Level.OK);
    }

    @Test
    void pending_reservations_count_at_their_estimate_and_success_at_the_actual_cost() {
        BudgetLedger ledger = open("1", "0", "0");
        Reservation first = ledger.reserve("a", "edit", "m", new BigDecimal("0.50"), null);
        assertThat(ledger.status(null).window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0.50");

        ledger.succeed(first, new BigDecimal("0.30"));

        assertThat(ledger.status(null).window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0.30");
    }

    @Test
    void failed_calls_charge_nothing() {
        BudgetLedger ledger = open("0.04", "0", "0");
        for (int i = 0; i < 3; i++) {
            ledger.fail(ledger.reserve("a", "edit", "m", FOUR_CENTS, null));
        }

        assertThat(ledger.status("a").window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0");
        spend(ledger, "a", "0.04");
    }

    @Test
    void refused_requests_are_recorded_as_blocked_and_cost_nothing() throws Exception {
        BudgetLedger ledger = open("0.04", "0", "0");
        spend(ledger, "a", "0.04");
        assertThatThrownBy(() -> ledger.reserve("a", "edit", "m", FOUR_CENTS, null))
                .isInstanceOf(BudgetExceededException.class);

        assertThat(statuses()).containsExactly("success", "blocked");
        assertThat(ledger.status("a").window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0.04");
    }

    @Test
    void concurrent_requests_on_one_ledger_cannot_both_take_the_last_dollar() throws Exception {
        BudgetLedger ledger = open("1", "0", "0");
        List<BudgetLedger> sameLedger = List.of(ledger, ledger, ledger, ledger, ledger, ledger, ledger, ledger);

        assertThat(race(sameLedger)).isEqualTo(1);
        assertThat(ledger.status(null).window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("1");
    }

    @Test
    void concurrent_requests_through_separate_connections_cannot_both_take_the_last_dollar() throws Exception {
        List<BudgetLedger> ledgers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ledgers.add(open("1", "0", "0"));
        }

        assertThat(race(ledgers)).isEqualTo(1);
        assertThat(ledgers.get(3).status(null).window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("1");
        assertThat(statuses()).containsExactlyInAnyOrder("pending", "blocked", "blocked", "blocked", "blocked",
                "blocked", "blocked", "blocked");
    }

    /** Each ledger asks for $1 at the same moment; returns how many were let through. */
    private static int race(List<BudgetLedger> ledgers) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(ledgers.size());
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Boolean>> outcomes = new ArrayList<>();
            for (int i = 0; i < ledgers.size(); i++) {
                BudgetLedger ledger = ledgers.get(i);
                String session = "s" + i;
                Callable<Boolean> attempt = () -> {
                    start.await();
                    try {
                        ledger.reserve(session, "edit", "m", BigDecimal.ONE, null);
                        return true;
                    } catch (BudgetExceededException e) {
                        return false;
                    }
                };
                outcomes.add(pool.submit(attempt));
            }
            start.countDown();
            int passed = 0;
            for (Future<Boolean> outcome : outcomes) {
                passed += outcome.get() ? 1 : 0;
            }
            return passed;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void spending_survives_a_restart() {
        BudgetLedger first = open("0.10", "0", "0");
        spend(first, "a", "0.08");
        first.close();
        opened.remove(first);

        BudgetLedger second = open("0.10", "0", "0");

        assertThat(second.status("a").window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0.08");
        assertThat(second.status("a").window(BudgetWindow.SESSION).spent()).isEqualByComparingTo("0.08");
        assertThatThrownBy(() -> second.reserve("a", "edit", "m", FOUR_CENTS, null))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void a_crash_leaves_no_pending_entry_behind() throws Exception {
        BudgetLedger crashed = open("0.04", "0", "0");
        Reservation inFlight = crashed.reserve("a", "edit", "m", FOUR_CENTS, null);
        assertThat(statuses()).containsExactly("pending");
        crashed.close();
        opened.remove(crashed);

        BudgetLedger restarted = open("0.04", "0", "0");

        assertThat(statuses()).containsExactly("failed");
        assertThat(restarted.status("a").window(BudgetWindow.DAILY).spent()).isEqualByComparingTo("0");
        // A success reported late is still recorded: the money was spent.
        restarted.succeed(inFlight, FOUR_CENTS);
        assertThat(statuses()).containsExactly("success");
    }

    @Test
    void limits_default_to_the_config_and_overrides_persist() {
        BudgetLedger ledger = open("10", "100", "5");
        assertThat(ledger.limits()).isEqualTo(new BudgetLimits(new BigDecimal("10"), new BigDecimal("100"),
                new BigDecimal("5")));

        BudgetLimits lowered = new BudgetLimits(new BigDecimal("0.04"), BigDecimal.ZERO, BigDecimal.ZERO);
        ledger.setLimits(lowered);
        ledger.close();
        opened.remove(ledger);
        BudgetLedger reopened = open("10", "100", "5");

        assertThat(reopened.limits().dailyCap()).isEqualByComparingTo("0.04");
        assertThat(reopened.limits().monthlyCap()).isEqualByComparingTo("0");
        spend(reopened, "a", "0.04");
        assertThatThrownBy(() -> reopened.reserve("a", "edit", "m", FOUR_CENTS, null))
                .isInstanceOf(BudgetExceededException.class);
    }

    @Test
    void negative_limits_are_refused() {
        assertThatThrownBy(() -> new BudgetLimits(BigDecimal.ONE, new BigDecimal("-0.01"), BigDecimal.ONE))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("The monthly budget cap is -0.01 USD; use 0 for unlimited or a positive amount");
        BudgetLedger ledger = open("1", "1", "1");
        assertThatThrownBy(() -> ledger.reserve("a", "edit", "m", new BigDecimal("-1"), null))
                .isInstanceOf(UnsupportedInputException.class);
    }

    @Test
    void status_warns_at_eighty_percent_and_blocks_at_the_cap() {
        BudgetLedger ledger = open("1", "0", "0");
        spend(ledger, "a", "0.79");
        BudgetStatus below = ledger.status("a");
        assertThat(below.level()).isEqualTo(BudgetStatus.Level.OK);
        assertThat(below.window(BudgetWindow.DAILY).remaining()).isEqualByComparingTo("0.21");
        assertThat(below.window(BudgetWindow.DAILY).resetsAt()).isEqualTo(Instant.parse("2026-03-15T00:00:00Z"));

        spend(ledger, "a", "0.01");
        assertThat(ledger.status("a").level()).isEqualTo(BudgetStatus.Level.WARNING);

        spend(ledger, "a", "0.20");
        BudgetStatus full = ledger.status("a");
        assertThat(full.level()).isEqualTo(BudgetStatus.Level.BLOCKED);
        assertThat(full.level().wireName()).isEqualTo("blocked");
        assertThat(full.window(BudgetWindow.DAILY).remaining()).isEqualByComparingTo("0");
    }

    @Test
    void the_database_runs_in_wal_mode() throws Exception {
        open("1", "1", "1");
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("budget.db"));
                Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery("PRAGMA journal_mode")) {
            row.next();
            assertThat(row.getString(1)).isEqualTo("wal");
        }
    }

    private List<String> statuses() throws Exception {
        try (Connection connection = DriverManager.getConnection("jdbc:sqlite:" + dataDir.resolve("budget.db"));
                Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT status FROM budget_ledger ORDER BY id")) {
            List<String> statuses = new ArrayList<>();
            while (rows.next()) {
                statuses.add(rows.getString(1));
            }
            return statuses;
        }
    }
}
