package dev.iopaint.openai;

/**
 * Where a budget guard hooks into paid upstream calls: {@link #open} runs before a call (estimate, check,
 * reserve; it throws to refuse the call) and the returned ticket is settled once the call is over.
 */
public interface CallGate {
    /** Lets every call through and records nothing. */
    CallGate NONE = call -> Ticket.NONE;

    Ticket open(PaidCall call);

    /** One admitted call; exactly one of its methods is called. */
    interface Ticket {
        Ticket NONE = new Ticket() {
            @Override
            public void succeeded() {
            }

            @Override
            public void failed() {
            }
        };

        void succeeded();

        void failed();
    }
}
