package dev.iopaint.bench;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.download.TerminalProgressBar;
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
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Downloading a model file from a local HTTP server ({@link FileServer}, sendfile on loopback) as {@code iopaint
 * download} does it ({@code DefaultModelStore.fetch}: {@code .part} file, MD5 while receiving, flushed to disk,
 * atomic rename, a progress bar) against {@code curl -s -o} of the same URL, with {@code -p baseline=curl+md5sum}
 * against curl followed by {@code md5sum}, since we verify the MD5 too. {@link #interleaved} alternates the two
 * and sums each side's time. The file ({@code sizeMb} MiB of random bytes) is made once under
 * {@code /work/bench-data} (or {@code -p dataDir=...}) and stays in the page cache.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class DownloadBenchmark {
    @Param({"512"})
    public int sizeMb;

    @Param({"curl", "curl+md5sum"})
    public String baseline;

    @Param({"/work/bench-data"})
    public String dataDir;

    private FileServer server;
    private ModelFile modelFile;
    private DefaultModelStore store;
    private Path ours;
    private Path theirs;
    private Path downloads;
    private String md5;

    @Setup(Level.Trial)
    public void setUp() throws IOException {
        if (!List.of("curl", "curl+md5sum").contains(baseline)) {
            throw new IllegalArgumentException("baseline is curl or curl+md5sum, not " + baseline);
        }
        Path source = sourceFile(Path.of(dataDir), sizeMb);
        md5 = md5(source);
        server = new FileServer(source);
        modelFile = new ModelFile(server.uri().toString(), md5, "BENCH_DOWNLOAD");
        downloads = Files.createDirectories(Path.of(dataDir, "downloads"));
        ModelDirectory dir = new ModelDirectory(downloads.resolve("model-dir"));
        store = new DefaultModelStore(dir, DownloadSettings.defaults());
        ours = store.pathOf(modelFile);
        theirs = downloads.resolve("curl-" + source.getFileName());
    }

    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        server.close();
        deleteDownloads();
    }

    @Benchmark
    public Object[] interleaved(PairedTimes times) throws IOException {
        deleteDownloads();
        return times.run(this::ours, this::curl);
    }

    private Path ours() {
        return store.fetch(modelFile, new TerminalProgressBar(new PrintStream(OutputStream.nullOutputStream())));
    }

    private Path curl() {
        run("curl", "-s", "-S", "-f", "-o", theirs.toString(), modelFile.url());
        if (baseline.equals("curl+md5sum")) {
            String sum = run("md5sum", theirs.toString());
            if (!sum.startsWith(md5)) {
                throw new IllegalStateException("md5sum of curl's download is " + sum + ", expected " + md5);
            }
        }
        return theirs;
    }

    private void deleteDownloads() throws IOException {
        Files.deleteIfExists(ours);
        Files.deleteIfExists(ours.resolveSibling(ours.getFileName() + ".part"));
        Files.deleteIfExists(theirs);
    }

    /** Runs a command to its end; its standard output, or an exception saying why it failed. */
    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            int status = process.waitFor();
            if (status != 0) {
                throw new IllegalStateException(String.join(" ", command) + " exited with " + status);
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(String.join(" ", command) + " could not run; is it installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command[0], e);
        }
    }

    /** {@code download-<size>mb.bin}, random bytes, written once and kept for later runs. */
    static Path sourceFile(Path dir, int megabytes) throws IOException {
        Path file = dir.resolve("download-" + megabytes + "mb.bin");
        long size = (long) megabytes << 20;
        if (Files.isRegularFile(file) && Files.size(file) == size) {
            return file;
        }
        Files.createDirectories(dir);
        Path part = dir.resolve(file.getFileName() + ".part");
        SplittableRandom random = new SplittableRandom(megabytes);
        ByteBuffer chunk = ByteBuffer.allocate(1 << 20);
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (int i = 0; i < megabytes; i++) {
                chunk.clear();
                while (chunk.hasRemaining()) {
                    chunk.putLong(random.nextLong());
                }
                chunk.flip();
                while (chunk.hasRemaining()) {
                    out.write(chunk);
                }
            }
        }
        return Files.move(part, file);
    }

    static String md5(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("MD5");
            ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
            try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
                while (in.read(buffer.clear()) >= 0) {
                    digest.update(buffer.flip());
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("This Java runtime has no MD5", e);
        }
    }
}
