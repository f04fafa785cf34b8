package dev.iopaint.openai.budget;

import dev.iopaint.api.UnsupportedInputException;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of every paid call in {@code budget.db}. A call is reserved (pending, holding its estimate), then
 * marked success (its actual cost) or failed (charged nothing). Spending in a window is the sum of
 * {@code COALESCE(actual, estimated)} over pending and successful entries; daily and monthly windows are UTC.
 * Several ledgers, in this process or others, may share one file: the check and the reservation happen in one
 * SQLite write transaction, so two requests can never both take the last of a cap.
 */
public final class BudgetLedger implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetLedger.class);
    private static final List<BudgetWindow> CHECK_ORDER =
            List.of(BudgetWindow.SESSION, BudgetWindow.DAILY, BudgetWindow.MONTHLY);

    private final BudgetStore store;
    private final BudgetLimits configured;
    private final Clock clock;

    private BudgetLedger(BudgetStore store, BudgetLimits configured, Clock clock) {
        this.store = store;
        this.configured = configured;
        this.clock = clock;
    }

    /**
     * Opens (creating if needed) the ledger in {@code config.dataDir()} and settles the entries a crash left
     * pending: they are marked failed and charged nothing. A pending entry only holds money while its call is in
     * flight; after a restart no call is, and its result never reached anyone, which is the ledger's rule for a
     * failure. Run one server per data folder, since a second one opening would settle the first one's calls.
     */
    public static BudgetLedger open(BudgetConfig config, Clock clock) {
        BudgetLedger ledger = new BudgetLedger(BudgetStore.open(config.dataDir()), config.limits(), clock);
        int settled = ledger.settleAbandoned();
        if (settled > 0) {
            LOG.warn("Settled {} paid call(s) left pending by an earlier run as failed (charged nothing)", settled);
        }
        return ledger;
    }

    BudgetStore store() {
        return store;
    }

    /**
     * Checks the session, daily and monthly caps (in that order) and, if {@code estimate} fits all of them, records
     * a pending entry. A refused request is recorded as blocked (charged nothing).
     *
     * @throws BudgetExceededException naming the first cap the request does not fit
     */
    public Reservation reserve(String session, String operation, String model, BigDecimal estimate,
            String fingerprint) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(operation, "operation");
        Objects.requireNonNull(model, "model");
        requireCost("estimate", estimate);
        long estimateMicros = Usd.toMicros(estimate);
        Object outcome = store.write(connection -> {
            Instant now = clock.instant();
            BudgetLimits limits = limits(connection);
            for (BudgetWindow window : CHECK_ORDER) {
                long capMicros = Usd.toMicros(limits.capOf(window));
                long spentMicros = spent(connection, window, session, now);
                if (capMicros > 0 && spentMicros + estimateMicros > capMicros) {
                    insert(connection, now, session, operation, model, estimateMicros, fingerprint, "blocked");
                    return new BudgetExceededException(window, Usd.ofMicros(spentMicros), limits.capOf(window),
                            estimate, window.resetsAt(now));
                }
            }
            long id = insert(connection, now, session, operation, model, estimateMicros, fingerprint, "pending");
            return new Reservation(id, session, estimate);
        });
        if (outcome instanceof BudgetExceededException refused) {
            LOG.info("Refused a {} call for session {}: {}", operation, session, refused.getMessage());
            throw refused;
        }
        return (Reservation) outcome;
    }

    /** Marks the call done at {@code actualCost}; recorded even if a restart had already settled it as failed. */
    public void succeed(Reservation reservation, BigDecimal actualCost) {
        requireCost("actual cost", actualCost);
        settle(reservation, "success", Usd.toMicros(actualCost), "status <> 'blocked'");
    }

    /** Marks the call failed: it is charged nothing. A call already marked successful stays so. */
    public void fail(Reservation reservation) {
        settle(reservation, "failed", 0, "status = 'pending'");
    }

    /** Spending per window at this moment; the session window is left out when {@code session} is null. */
    public BudgetStatus status(String session) {
        return store.read(connection -> {
            Instant now = clock.instant();
            BudgetLimits limits = limits(connection);
            List<BudgetStatus.Window> windows = new ArrayList<>();
            for (BudgetWindow window : CHECK_ORDER) {
                if (window == BudgetWindow.SESSION && session == null) {
                    continue;
                }
                BigDecimal spent = Usd.ofMicros(spent(connection, window, session, now));
                windows.add(BudgetStatus.Window.of(window, spent, limits.capOf(window), window.resetsAt(now)));
            }
            return BudgetStatus.of(windows);
        });
    }

    /** The caps in force: the saved override if one was set, else the configured ones. */
    public BudgetLimits limits() {
        return store.read(this::limits);
    }

    /** Saves {@code limits} as the caps from now on, surviving restarts. */
    public void setLimits(BudgetLimits limits) {
        Objects.requireNonNull(limits, "limits");
        store.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement(
                    "INSERT OR REPLACE INTO budget_limits (id, daily_micros, monthly_micros, session_micros)"
                            + " VALUES (1, ?, ?, ?)")) {
                statement.setLong(1, Usd.toMicros(limits.dailyCap()));
                statement.setLong(2, Usd.toMicros(limits.monthlyCap()));
                statement.setLong(3, Usd.toMicros(limits.sessionCap()));
                return statement.executeUpdate();
            }
        });
        LOG.info("Budget caps set to daily {}, monthly {}, session {}", Usd.format(limits.dailyCap()),
                Usd.format(limits.monthlyCap()), Usd.format(limits.sessionCap()));
    }

    @Override
    public void close() {
        store.close();
    }

    private int settleAbandoned() {
        return store.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE budget_ledger SET status ="
                    + " 'failed', actual_micros = 0, settled_at = ? WHERE status = 'pending'")) {
                statement.setLong(1, clock.millis());
                return statement.executeUpdate();
            }
        });
    }

    private void settle(Reservation reservation, String status, long actualMicros, String allowedFrom) {
        int updated = store.write(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("UPDATE budget_ledger SET status = ?,"
                    + " actual_micros = ?, settled_at = ? WHERE id = ? AND " + allowedFrom)) {
                statement.setString(1, status);
                statement.setLong(2, actualMicros);
                statement.setLong(3, clock.millis());
                statement.setLong(4, reservation.id());
                return statement.executeUpdate();
            }
        });
        if (updated == 0) {
            LOG.warn("Ledger entry {} could not be marked {}; it was already settled", reservation.id(), status);
        }
    }

    private BudgetLimits limits(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet row = statement.executeQuery(
                        "SELECT daily_micros, monthly_micros, session_micros FROM budget_limits WHERE id = 1")) {
            if (!row.next()) {
                return configured;
            }
            return new BudgetLimits(Usd.ofMicros(row.getLong(1)), Usd.ofMicros(row.getLong(2)),
                    Usd.ofMicros(row.getLong(3)));
        }
    }

    private static long spent(Connection connection, BudgetWindow window, String session, Instant now)
            throws SQLException {
        String sql = "SELECT COALESCE(SUM(COALESCE(actual_micros, estimated_micros)), 0) FROM budget_ledger"
                + " WHERE status IN ('pending', 'success') AND created_at >= ?"
                + (window == BudgetWindow.SESSION ? " AND session = ?" : "");
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, window.start(now).toEpochMilli());
            if (window == BudgetWindow.SESSION) {
                statement.setString(2, session);
            }
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static long insert(Connection connection, Instant now, String session, String operation, String model,
            long estimateMicros, String fingerprint, String status) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("INSERT INTO budget_ledger (created_at,"
                + " session, operation, model, estimated_micros, fingerprint, status) VALUES (?, ?, ?, ?, ?, ?, ?)",
                Statement.RETURN_GENERATED_KEYS)) {
            statement.setLong(1, now.toEpochMilli());
            statement.setString(2, session);
            statement.setString(3, operation);
            statement.setString(4, model);
            statement.setLong(5, estimateMicros);
            statement.setString(6, fingerprint);
            statement.setString(7, status);
            statement.executeUpdate();
            try (ResultSet keys = statement.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void requireCost(String name, BigDecimal cost) {
        Objects.requireNonNull(cost, name);
        if (cost.signum() < 0) {
            throw new UnsupportedInputException("The " + name + " is " + cost.toPlainString()
                    + " USD; a cost cannot be negative");
        }
    }
}
