package dev.iopaint.bench;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.registry.ModelCatalog;
import dev.iopaint.core.registry.ModelRegistry;
import dev.iopaint.core.scan.DiffusionModelScanner;
import org.openjdk.jmh.annotations.AuxCounters;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The scan behind {@code iopaint list} on a large cache ({@link CacheTree}: 500 hub snapshots with 50,000 blobs,
 * 200 single-file checkpoints) against a plain recursive walk of the same tree, which is the floor for any scan
 * that looks at every entry. Warm: {@code iopaint_cache.json} is already there from an earlier scan, as a second
 * {@code iopaint list} sees it. Cold: it is deleted before each scan, so all 200 safetensors headers are read.
 * The OS page cache stays warm in both unless {@code -p dropPageCache=true} (root only; it drops the cache of the
 * whole machine before each cold scan, so never on a machine others are measuring on).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 6, time = 4)
@Fork(1)
public class ScanBenchmark {
    static final CacheTree TREE = new CacheTree(500, 100, 200);
    private static final Path DROP_CACHES = Path.of("/proc/sys/vm/drop_caches");

    @Param({"false"})
    public boolean dropPageCache;

    private Path root;
    private ModelCatalog catalog;
    private DiffusionModelScanner scanner;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        root = Files.createTempDirectory("iopaint-scan-bench");
        TREE.write(root);
        ModelDirectory dir = new ModelDirectory(root);
        catalog = new ModelCatalog(ModelRegistry.discover(ScanBenchmark.class.getClassLoader()),
                new DefaultModelStore(dir, DownloadSettings.defaults()));
        scanner = new DiffusionModelScanner(dir);
        // Writes iopaint_cache.json, and makes sure the tree is what the figures claim to scan.
        List<ModelInfo> found = scanner.scan();
        if (found.size() != TREE.diffusionModels()) {
            throw new IllegalStateException("The scan found " + found.size() + " diffusion models in the benchmark's"
                    + " tree instead of " + TREE.diffusionModels() + "; fix CacheTree or the scanner");
        }
        long files = walk();
        if (files != TREE.files()) {
            throw new IllegalStateException("The walk counted " + files + " files in the benchmark's tree instead of "
                    + TREE.files() + "; fix CacheTree");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        CacheTree.delete(root);
    }

    /** What a second {@code iopaint list} does: every provider, then the diffusion scan with its cache file. */
    @Benchmark
    public List<ModelInfo> warmCatalogScan() {
        return catalog.scan();
    }

    /** The diffusion part of {@link #warmCatalogScan} alone. */
    @Benchmark
    public List<ModelInfo> warmDiffusionScan() {
        return scanner.scan();
    }

    /** The first scan after the checkpoints changed: no cache file, every header read (and the file written). */
    @Benchmark
    public List<ModelInfo> coldCatalogScan(Cold cold) {
        return catalog.scan();
    }

    /** Every regular file in the tree, with the attributes the walk already read. */
    @Benchmark
    public long walk() {
        try (Stream<Path> files = Files.find(root, Integer.MAX_VALUE, (path, attributes) -> attributes.isRegularFile())) {
            return files.count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The warm and cold catalog scans, the warm diffusion scan and the walk, in an order that rotates each
     * invocation, each one's time summed separately (the cache file is deleted outside the timed part): on a noisy
     * machine the ratios of these sums are steadier than those of separately measured averages.
     */
    @Benchmark
    public long interleaved(Split split) {
        long sink = 0;
        for (int i = 0; i < 4; i++) {
            int task = (split.first + i) % 4;
            if (task == 1) {
                forgetCache();
            }
            long start = System.nanoTime();
            sink += switch (task) {
                case 0 -> warmCatalogScan().size();
                case 1 -> coldCatalogScan(null).size();
                case 2 -> warmDiffusionScan().size();
                default -> walk();
            };
            long nanos = System.nanoTime() - start;
            switch (task) {
                case 0 -> split.warmCatalogNanos += nanos;
                case 1 -> split.coldCatalogNanos += nanos;
                case 2 -> split.warmDiffusionNanos += nanos;
                default -> split.walkNanos += nanos;
            }
        }
        split.first = (split.first + 1) % 4;
        return sink;
    }

    /** The summed times of {@link #interleaved}; JMH reports each, and each scan's ratio to the walk is the figure. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.EVENTS)
    public static class Split {
        public long warmCatalogNanos;
        public long coldCatalogNanos;
        public long warmDiffusionNanos;
        public long walkNanos;
        int first;

        @Setup(Level.Iteration)
        public void reset() {
            warmCatalogNanos = 0;
            coldCatalogNanos = 0;
            warmDiffusionNanos = 0;
            walkNanos = 0;
        }
    }

    /** Deletes the cache file before each cold scan, outside the measured time. */
    @State(Scope.Thread)
    public static class Cold {
        @Setup(Level.Invocation)
        public void forget(ScanBenchmark benchmark) {
            benchmark.forgetCache();
        }
    }

    private void forgetCache() {
        try {
            Files.delete(root.resolve("stable_diffusion").resolve("iopaint_cache.json"));
            if (dropPageCache) {
                Files.writeString(DROP_CACHES, "3");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot reset the cold state (" + e.getMessage() + "); dropPageCache"
                    + " needs root and a writable " + DROP_CACHES, e);
        }
    }
}
