package dev.iopaint.openai.budget;

import dev.iopaint.api.IopaintException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One connection to {@code <dataDir>/budget.db} in WAL mode. Writes run in {@code BEGIN IMMEDIATE}
 * transactions, so SQLite itself serialises them across connections and processes; a writer waits up to the
 * busy timeout for another to finish instead of failing.
 */
final class BudgetStore implements AutoCloseable {
    static final String FILE_NAME = "budget.db";
    private static final int BUSY_TIMEOUT_MS = 30_000;

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Path file;
    private final Connection connection;

    private BudgetStore(Path file, Connection connection) {
        this.file = file;
        this.connection = connection;
    }

    static BudgetStore open(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new IopaintException("Cannot create the budget data folder " + dataDir + " (" + e.getMessage()
                    + "); choose a writable folder with --data-dir", e);
        }
        Properties properties = new Properties();
        properties.setProperty("journal_mode", "WAL");
        properties.setProperty("busy_timeout", Integer.toString(BUSY_TIMEOUT_MS));
        try {
            Connection connection = DriverManager.getConnection("jdbc:sqlite:" + file, properties);
            BudgetStore store = new BudgetStore(file, connection);
            store.write(BudgetStore::createSchema);
            return store;
        } catch (SQLException e) {
            throw new IopaintException("Cannot open the budget ledger " + file + " (" + e.getMessage()
                    + "); check that the file is a SQLite database and the folder is writable", e);
        }
    }

    private static Void createSchema(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS budget_ledger (
                        id INTEGER PRIMARY KEY AUTOINCREMENT,
                        created_at INTEGER NOT NULL,
                        session TEXT NOT NULL,
                        operation TEXT NOT NULL,
                        model TEXT NOT NULL,
                        estimated_micros INTEGER NOT NULL,
                        actual_micros INTEGER,
                        fingerprint TEXT,
                        status TEXT NOT NULL CHECK (status IN ('pending', 'success', 'failed', 'blocked')),
                        settled_at INTEGER)""");
            statement.executeUpdate("CREATE INDEX IF NOT EXISTS budget_ledger_created ON budget_ledger (created_at)");
            statement.executeUpdate("CREATE INDEX IF NOT EXISTS budget_ledger_session ON budget_ledger (session)");
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS budget_limits (
                        id INTEGER PRIMARY KEY CHECK (id = 1),
                        daily_micros INTEGER NOT NULL,
                        monthly_micros INTEGER NOT NULL,
                        session_micros INTEGER NOT NULL)""");
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS rate_limits (
                        session TEXT PRIMARY KEY,
                        last_request_at INTEGER NOT NULL)""");
            statement.executeUpdate("""
                    CREATE TABLE IF NOT EXISTS dedupe_cache (
                        fingerprint TEXT PRIMARY KEY,
                        created_at INTEGER NOT NULL,
                        result BLOB NOT NULL)""");
        }
        return null;
    }

    /** Runs {@code work} holding SQLite's write lock from the first statement to the commit. */
    synchronized <T> T write(Work<T> work) {
        return inTransaction("BEGIN IMMEDIATE", work);
    }

    /** Runs {@code work} on one consistent snapshot of the database. */
    synchronized <T> T read(Work<T> work) {
        return inTransaction("BEGIN DEFERRED", work);
    }

    private <T> T inTransaction(String begin, Work<T> work) {
        try (Statement statement = connection.createStatement()) {
            statement.execute(begin);
            try {
                T result = work.run(connection);
                statement.execute("COMMIT");
                return result;
            } catch (SQLException | RuntimeException e) {
                statement.execute("ROLLBACK");
                throw e;
            }
        } catch (SQLException e) {
            throw new IopaintException("The budget ledger " + file + " failed (" + e.getMessage()
                    + "); check the disk and that no other program holds the file", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IopaintException("Cannot close the budget ledger " + file + " (" + e.getMessage() + ")", e);
        }
    }
}
