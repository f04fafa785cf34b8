package dev.iopaint.openai;

import dev.iopaint.openai.budget.BudgetConfig;
import dev.iopaint.openai.budget.BudgetLedger;
import dev.iopaint.openai.budget.CostEstimator;
import dev.iopaint.openai.budget.Reservation;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;

/**
 * The budget's caps in front of every paid call: each call is priced, reserved atomically in the ledger (or
 * refused with {@link dev.iopaint.openai.budget.BudgetExceededException}) and settled as charged or failed.
 * The session is this gate's lifetime, i.e. one loaded model in one process.
 */
final class BudgetCallGate implements CallGate, AutoCloseable {
    private final BudgetLedger ledger;
    private final CostEstimator estimator = new CostEstimator();
    private final String session = "process-" + UUID.randomUUID();

    private BudgetCallGate(BudgetLedger ledger) {
        this.ledger = ledger;
    }

    /** A gate on the ledger in the data folder the settings name ({@code AIE_DATA_DIR}, else the default). */
    static BudgetCallGate open(Map<String, String> settings) {
        return new BudgetCallGate(BudgetLedger.open(BudgetConfig.fromSettings(settings), Clock.systemUTC()));
    }

    @Override
    public Ticket open(PaidCall call) {
        BigDecimal estimate = estimator.estimate(call.model(), call.size(), "standard");
        Reservation reservation = ledger.reserve(session, call.operation(), call.model(), estimate, "");
        return new Ticket() {
            @Override
            public void succeeded() {
                ledger.succeed(reservation, estimate);
            }

            @Override
            public void failed() {
                ledger.fail(reservation);
            }
        };
    }

    @Override
    public void close() {
        ledger.close();
    }
}
