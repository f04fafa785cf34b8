package dev.iopaint.openai.budget;

import java.math.BigDecimal;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts every paid call through the fork's steps in its order: an identical recent request is answered from the
 * cache for free; otherwise the session's rate limit is checked, the cost estimated and reserved against the caps,
 * the call made, and the ledger entry settled (success at the estimate, or failed and free) with the result
 * cached.
 */
public final class BudgetGuard implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BudgetGuard.class);

    private final BudgetConfig config;
    private final BudgetLedger ledger;
    private final CostEstimator estimator;
    private final RateLimiter rateLimiter;
    private final DedupeCache cache;

    private BudgetGuard(BudgetConfig config, BudgetLedger ledger, Clock clock) {
        this.config = config;
        this.ledger = ledger;
        this.estimator = new CostEstimator();
        this.rateLimiter = new RateLimiter(ledger.store(), config.rateLimit(), clock);
        this.cache = new DedupeCache(ledger.store(), config.dedupeTtl(), clock);
    }

    /** Opens the ledger in {@code config.dataDir()}; {@code clock} decides windows, the rate limit and the TTL. */
    public static BudgetGuard open(BudgetConfig config, Clock clock) {
        return new BudgetGuard(config, BudgetLedger.open(config, clock), clock);
    }

    /**
     * Runs {@code call} for {@code request} if the budget allows it and returns its bytes.
     *
     * @throws RateLimitedException if the session asked too recently
     * @throws BudgetExceededException if the estimate does not fit a cap
     */
    public PaidResult run(PaidRequest request, Supplier<byte[]> call) {
        String fingerprint = request.fingerprint();
        if (config.dedupeEnabled()) {
            Optional<byte[]> cached = cache.find(fingerprint);
            if (cached.isPresent()) {
                LOG.info("Answered a {} request for session {} from the cache, free", request.operation(),
                        request.session());
                return new PaidResult(cached.get(), BigDecimal.ZERO, true);
            }
        }
        rateLimiter.acquire(request.session());
        BigDecimal estimate = estimator.estimate(request.model(), request.size(), request.quality());
        Reservation reservation = ledger.reserve(request.session(), request.operation(), request.model(), estimate,
                fingerprint);
        byte[] result;
        try {
            result = call.get();
        } catch (RuntimeException | Error e) {
            ledger.fail(reservation);
            throw e;
        }
        ledger.succeed(reservation, estimate);
        if (config.dedupeEnabled()) {
            cache.put(fingerprint, result);
        }
        return new PaidResult(result, estimate, false);
    }

    /** What {@code request} would cost, without reserving anything. */
    public BigDecimal estimate(PaidRequest request) {
        return estimator.estimate(request.model(), request.size(), request.quality());
    }

    public CostEstimator estimator() {
        return estimator;
    }

    /** The ledger, for status and limits. */
    public BudgetLedger ledger() {
        return ledger;
    }

    @Override
    public void close() {
        ledger.close();
    }
}
