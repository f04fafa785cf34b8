package dev.iopaint.openai.budget;

import java.util.UUID;
import java.util.function.Supplier;

/**
 * Whose spending a paid call counts against: the server names the client's session around each request
 * ({@code X-Session-Id}, {@code ?session_id}, else a hash of address and user agent); calls made outside any
 * request (the command line, an embedder) share this process's session.
 */
public final class BudgetSession {
    private static final String PROCESS = "process-" + UUID.randomUUID().toString().substring(0, 8);
    private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

    private BudgetSession() {
    }

    /** The session of the call running on this thread. */
    public static String current() {
        String session = CURRENT.get();
        return session != null ? session : PROCESS;
    }

    /** Runs {@code work} with paid calls on this thread counted against {@code session}. */
    public static <T> T with(String session, Supplier<T> work) {
        String previous = CURRENT.get();
        CURRENT.set(session);
        try {
            return work.get();
        } finally {
            if (previous == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(previous);
            }
        }
    }
}
