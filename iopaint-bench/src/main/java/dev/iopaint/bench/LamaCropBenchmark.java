package dev.iopaint.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.iopaint.api.RgbImage;
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
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * LaMa at its real size on a 1920x1080 photo with the Crop strategy, both sides in this one process and so in the
 * same environment (the same allocator settings): our whole call against IOPaint's plain sequential per-crop
 * forward ({@link LamaCrop} describes both). {@link LamaVsIopaint} instead runs each side in its own process, ours
 * as {@code ./iopaint} starts it and the plain one as IOPaint's process would.
 *
 * <p>{@link #interleaved} runs both once per invocation in alternating order; an iteration of 1 s holds exactly one
 * invocation, since each side takes seconds. With {@code check} (the default) the setup runs both once, which
 * warms them up too, and fails when our output differs from the baseline's by more than 2 levels in any channel of
 * any pixel.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "-Dai.djl.offline=true")
public class LamaCropBenchmark {
    @Param("/work/bench-data/big-lama-arch.pt")
    public String lamaFile;

    @Param("1920x1080")
    public String size;

    @Param("true")
    public boolean check;

    private LamaCrop lama;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        lama = new LamaCrop(Path.of(lamaFile), size);
        System.out.printf("%n%d crop window(s) %s, %d intra-op threads%n", lama.windows().size(), lama.windows(),
                JniUtils.getNumThreads());
        if (check) {
            checkOursAgainstPlain();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        lama.close();
    }

    /** Ours ({@code wholeNanos}) and IOPaint's plain per-crop forward ({@code rawNanos}), alternating. */
    @Benchmark
    public Object[] interleaved(PairedTimes times) {
        return times.run(lama::ours, lama::plain);
    }

    private void checkOursAgainstPlain() {
        long start = System.nanoTime();
        RgbImage ours = lama.ours();
        long middle = System.nanoTime();
        RgbImage theirs = lama.plain();
        long end = System.nanoTime();
        System.out.printf("Check (first, cold calls: ours %.1f s, plain %.1f s): ours differs from the plain"
                        + " float32 result by %s%n", (middle - start) / 1e9, (end - middle) / 1e9,
                LamaCrop.compare(ours, theirs));
        LamaCrop.requireClose(ours, theirs);
    }
}
