package dev.iopaint.openai;

import dev.iopaint.openai.budget.BudgetConfig;
import dev.iopaint.openai.budget.BudgetGuard;
import dev.iopaint.openai.budget.BudgetSession;
import dev.iopaint.openai.budget.PaidRequest;

import java.time.Clock;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The budget guard in front of every paid call: an identical recent request is answered from the cache for free,
 * a session calling too often is told to wait, and every other call is priced, reserved atomically against the
 * caps (or refused with {@link dev.iopaint.openai.budget.BudgetExceededException}) and settled as charged or failed.
 * The session is the caller's ({@link BudgetSession}), else this gate's lifetime.
 */
final class BudgetCallGate implements CallGate, AutoCloseable {
    private final BudgetGuard guard;

    private BudgetCallGate(BudgetGuard guard) {
        this.guard = guard;
    }

    /** A gate on the ledger in the data folder the settings name ({@code AIE_DATA_DIR}, else the default). */
    static BudgetCallGate open(Map<String, String> settings) {
        return new BudgetCallGate(BudgetGuard.open(BudgetConfig.fromSettings(settings), Clock.systemUTC()));
    }

    @Override
    public byte[] call(PaidCall call, Supplier<byte[]> upstream) {
        PaidRequest request = new PaidRequest(BudgetSession.current(), call.operation(), call.model(), call.size(),
                "standard", call.prompt(), Map.of(), call.images());
        return guard.run(request, upstream).bytes();
    }

    @Override
    public void close() {
        guard.close();
    }
}
