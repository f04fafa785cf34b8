package dev.iopaint.bench;

import java.util.Arrays;
import java.util.List;

/**
 * What one side did in its measured windows. A window opens at an answer (see {@link LoadPhase}), so with k more
 * answers inside it the time per request is {@code (last answer - opening answer) / k}: unlike answers counted per
 * window it is not rounded to whole requests, which matters when a window holds only a few second-long requests.
 * The process's CPU time over the same span, per request, is a cost other processes on a shared machine inflate
 * far less than the wall time.
 *
 * @param spanNanos      time from each window's opening answer to its last answer, summed over windows
 * @param cpuNanos       this process's CPU time over the same spans, summed
 * @param latenciesNanos latency of every request answered inside a window, ascending
 */
record PhaseResult(long spanNanos, long cpuNanos, long[] latenciesNanos) {
    PhaseResult {
        if (spanNanos < 0 || cpuNanos < 0) {
            throw new IllegalArgumentException("Span and CPU time must not be negative, got " + spanNanos
                    + " ns and " + cpuNanos + " ns");
        }
        latenciesNanos = latenciesNanos.clone();
        Arrays.sort(latenciesNanos);
    }

    /**
     * One window: the answers after the opening one ({@code openedAt}, process CPU time {@code openedCpu}) and no
     * later than {@code windowNanos} after it. The arrays hold every answer of the phase, indexed alike.
     */
    static PhaseResult of(long openedAt, long openedCpu, long windowNanos, long[] answerTimes, long[] cpuTimes,
                          long[] latenciesNanos) {
        long[] inside = new long[latenciesNanos.length];
        int count = 0;
        int last = -1;
        for (int i = 0; i < answerTimes.length; i++) {
            long sinceOpening = answerTimes[i] - openedAt;
            if (sinceOpening > 0 && sinceOpening <= windowNanos) {
                inside[count++] = latenciesNanos[i];
                last = last < 0 || answerTimes[i] > answerTimes[last] ? i : last;
            }
        }
        if (last < 0) {
            return new PhaseResult(0, 0, new long[0]);
        }
        return new PhaseResult(answerTimes[last] - openedAt, Math.max(0, cpuTimes[last] - openedCpu),
                Arrays.copyOf(inside, count));
    }

    /** Several windows of one side as one: spans, CPU times and latencies pooled. */
    static PhaseResult pooled(List<PhaseResult> phases) {
        long span = phases.stream().mapToLong(PhaseResult::spanNanos).sum();
        long cpu = phases.stream().mapToLong(PhaseResult::cpuNanos).sum();
        long[] all = phases.stream().flatMapToLong(phase -> Arrays.stream(phase.latenciesNanos)).toArray();
        return new PhaseResult(span, cpu, all);
    }

    /** Requests answered inside the windows. */
    int answers() {
        return latenciesNanos.length;
    }

    /** True when the windows held an answer, so a time per request can be told. */
    boolean measured() {
        return answers() > 0 && spanNanos > 0;
    }

    /** Wall time per answered request: the inverse of the throughput. */
    double nanosPerRequest() {
        requireMeasured();
        return (double) spanNanos / answers();
    }

    /** Process CPU time per answered request, all threads (the HTTP client's, GC and JIT included). */
    double cpuNanosPerRequest() {
        requireMeasured();
        return (double) cpuNanos / answers();
    }

    double perSecond() {
        return measured() ? 1e9 / nanosPerRequest() : Double.NaN;
    }

    /** The nearest-rank percentile of the latencies, {@code 0 < p <= 100}, in milliseconds. */
    double percentileMillis(double p) {
        if (answers() == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100 * answers());
        return latenciesNanos[Math.max(rank, 1) - 1] / 1e6;
    }

    private void requireMeasured() {
        if (!measured()) {
            throw new IllegalStateException("No request was answered inside a window; make the window longer");
        }
    }
}
