package dev.iopaint.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.function.Supplier;

/**
 * Our call and its baseline run one after the other, in alternating order, with each side's time summed: on a
 * noisy machine the ratio {@code wholeNanos / rawNanos} is steadier than that of two separately measured averages.
 * JMH reports both sums, and the number of pairs run, per iteration.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairedTimes {
    public long wholeNanos;
    public long rawNanos;
    /** How many times both ran, for per-call figures such as a download's MB/s. */
    public long pairs;
    private boolean wholeFirst;

    @Setup(Level.Iteration)
    public void reset() {
        wholeNanos = 0;
        rawNanos = 0;
        pairs = 0;
    }

    /** Runs both once; returns both results so the JIT cannot drop either. Not public: JMH would count it. */
    Object[] run(Supplier<?> whole, Supplier<?> raw) {
        Object[] results = new Object[2];
        long start = System.nanoTime();
        results[0] = wholeFirst ? whole.get() : raw.get();
        long middle = System.nanoTime();
        results[1] = wholeFirst ? raw.get() : whole.get();
        long end = System.nanoTime();
        wholeNanos += wholeFirst ? middle - start : end - middle;
        rawNanos += wholeFirst ? end - middle : middle - start;
        pairs++;
        wholeFirst = !wholeFirst;
        return results;
    }
}
