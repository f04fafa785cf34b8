package dev.iopaint.bench;

import com.sun.management.OperatingSystemMXBean;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;

/**
 * N clients, each a thread that makes the same call again as soon as its last one returned. The measured window
 * opens at the answer that completes every client's first call (so a queue of N is in its steady state and each
 * latency includes the full wait behind the others) and lasts the given time; only calls answered inside it count.
 * Calls still running when it closes finish unmeasured before {@link #run} returns, so they cannot slow the next
 * phase. With N clients queued for a model that takes s seconds per request, opening the window alone takes about
 * N * s, and so does the drain after it.
 */
final class LoadPhase {
    private static final OperatingSystemMXBean OS =
            (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final long windowNanos;
    private final Callable<?> call;
    private final AtomicInteger unanswered;
    private final AtomicReference<Opening> opening = new AtomicReference<>();
    private final AtomicReference<Exception> failure = new AtomicReference<>();

    private LoadPhase(int clients, Duration window, Callable<?> call) {
        this.windowNanos = window.toNanos();
        this.call = call;
        this.unanswered = new AtomicInteger(clients);
    }

    /** Runs {@code clients} clients of {@code call} through one window. */
    static PhaseResult run(int clients, Duration window, Callable<?> call) throws InterruptedException {
        return new LoadPhase(clients, window, call).run(clients);
    }

    private PhaseResult run(int clients) throws InterruptedException {
        List<Client> all = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Client client = new Client();
            Thread thread = new Thread(client, "load-client-" + i);
            all.add(client);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Exception failed = failure.get();
        if (failed != null) {
            throw new IllegalStateException("A client's call failed: " + failed.getMessage(), failed);
        }
        Opening opened = opening.get();
        return PhaseResult.of(opened.nanos(), opened.cpuNanos(), windowNanos,
                all.stream().flatMapToLong(Client::answerTimes).toArray(),
                all.stream().flatMapToLong(Client::cpuTimes).toArray(),
                all.stream().flatMapToLong(Client::latencies).toArray());
    }

    /** When the window opened, on the wall clock and in process CPU time. */
    private record Opening(long nanos, long cpuNanos) {
    }

    /** One client: calls until the window has closed, logging every answer (the window is cut out afterwards). */
    private final class Client implements Runnable {
        private long[] answerTimes = new long[64];
        private long[] cpuTimes = new long[64];
        private long[] latencies = new long[64];
        private int count;
        private boolean answered;

        @Override
        public void run() {
            try {
                while (failure.get() == null) {
                    long start = System.nanoTime();
                    Opening opened = opening.get();
                    if (opened != null && start - opened.nanos() >= windowNanos) {
                        return;
                    }
                    call.call();
                    long end = System.nanoTime();
                    long cpu = OS.getProcessCpuTime();
                    log(end, cpu, end - start);
                    firstAnswer(end, cpu);
                }
            } catch (Exception e) {
                failure.compareAndSet(null, e);
            } finally {
                // A failed client must not keep the window from opening.
                firstAnswer(System.nanoTime(), OS.getProcessCpuTime());
            }
        }

        private void firstAnswer(long nanos, long cpu) {
            if (!answered) {
                answered = true;
                if (unanswered.decrementAndGet() == 0) {
                    opening.set(new Opening(nanos, cpu));
                }
            }
        }

        private void log(long answeredAt, long cpu, long latency) {
            if (count == latencies.length) {
                answerTimes = Arrays.copyOf(answerTimes, count * 2);
                cpuTimes = Arrays.copyOf(cpuTimes, count * 2);
                latencies = Arrays.copyOf(latencies, count * 2);
            }
            answerTimes[count] = answeredAt;
            cpuTimes[count] = cpu;
            latencies[count++] = latency;
        }

        LongStream answerTimes() {
            return Arrays.stream(answerTimes, 0, count);
        }

        LongStream cpuTimes() {
            return Arrays.stream(cpuTimes, 0, count);
        }

        LongStream latencies() {
            return Arrays.stream(latencies, 0, count);
        }
    }
}
