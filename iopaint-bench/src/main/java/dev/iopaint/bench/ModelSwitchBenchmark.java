package dev.iopaint.bench;

import dev.iopaint.core.Iopaint;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Switching the active model as a user does ({@code Iopaint.switchModel}: catalog lookup, closing the old model,
 * loading the new one) from {@code lama} to {@code migan} and back, against the floor of any switch
 * ({@link BareSwitch}: DJL closing the model it holds and loading the other file). {@link #interleaved} runs both
 * in alternating order and sums each side. The models are stand-ins with parameters of {@code lamaMb} and
 * {@code miganMb} MiB, or {@code -p lamaFile=...} names a real-size LaMa TorchScript.
 *
 * <p>A load's time depends mostly on whether glibc hands libtorch memory it already holds (a copy at memory speed)
 * or fresh pages (a page fault per 4 KiB), and with its default, adaptive thresholds that depends on which side freed
 * what last, not on our code. Run with {@code MALLOC_MMAP_THRESHOLD_=131072} in the environment (the forked JVM
 * inherits it) for a fair ratio: every tensor then gets fresh pages on both sides.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 4, time = 4)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class ModelSwitchBenchmark {
    /** big-lama.pt holds about 196 MiB of weights. */
    @Param({"196"})
    public int lamaMb;

    @Param({"28"})
    public int miganMb;

    @Param({""})
    public String lamaFile;

    private SwitchModels models;
    private Iopaint iopaint;
    private BareSwitch bare;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        models = SwitchModels.write(lamaMb, miganMb, lamaFile);
        iopaint = models.open(SwitchModels.LAMA);
        bare = new BareSwitch(models.lama());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        iopaint.close();
        bare.close();
        models.delete();
    }

    /** Two switches: to migan and back to lama. */
    @Benchmark
    public String roundTrip() {
        iopaint.switchModel(SwitchModels.MIGAN);
        return iopaint.switchModel(SwitchModels.LAMA).name();
    }

    /** The same two switches with DJL alone. */
    @Benchmark
    public Object bareRoundTrip() {
        bare.switchTo(models.migan());
        bare.switchTo(models.lama());
        return bare;
    }

    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(this::roundTrip, this::bareRoundTrip);
    }
}
