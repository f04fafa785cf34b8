package dev.iopaint.bench;

import dev.iopaint.api.RgbImage;
import dev.iopaint.models.erase.torch.HugePages;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Issue 6, item 7 as a user switching from IOPaint sees it: our whole LaMa call in a JVM started as
 * {@code ./iopaint} starts it, against IOPaint's plain per-crop forward in a JVM with the environment IOPaint's
 * Python process has, the inherited one without our launcher's allocator settings ({@link HugePages#ENVIRONMENT}).
 * {@link LamaCrop} describes both sides; {@link LamaCropBenchmark} runs them in one process instead.
 *
 * <p>Each side lives in its own child process and runs one call when told to, so the two never run at the same
 * time and alternate (ours first in odd pairs, plain first in even ones), as {@link PairedTimes} does in one
 * process. Both keep libtorch's default intra-op threads. The first call of each warms it up and is compared: the
 * run fails when ours differs from the plain float32 result by more than 2 levels.
 * <pre>
 * java -cp iopaint-bench/target/benchmarks.jar dev.iopaint.bench.LamaVsIopaint \
 *     lamaFile=/path/to/big-lama-arch.pt [size=1920x1080] [pairs=5]
 * </pre>
 */
public final class LamaVsIopaint {
    private static final Set<String> KEYS = Set.of("side", "lamaFile", "size", "pairs", "output");
    private static final String TIME = "nanos ";

    private LamaVsIopaint() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = Options.parse(args, KEYS);
        Path lamaFile = Path.of(options.getOrDefault("lamaFile", "/work/bench-data/big-lama-arch.pt"));
        String size = options.getOrDefault("size", "1920x1080");
        if (options.containsKey("side")) {
            serve(options.get("side"), lamaFile, size, Path.of(options.get("output")));
        } else {
            compare(lamaFile, size, Integer.parseInt(options.getOrDefault("pairs", "5")));
        }
    }

    /** The parent: starts both sides, checks their first results against each other, then times the pairs. */
    private static void compare(Path lamaFile, String size, int pairs) throws Exception {
        Path folder = Files.createTempDirectory("iopaint-bench-lama-sides");
        try (Side ours = Side.start("ours", lamaFile, size, folder, true);
             Side plain = Side.start("plain", lamaFile, size, folder, false)) {
            long oursFirst = ours.run();
            long plainFirst = plain.run();
            RgbImage oursImage = ours.firstResult();
            RgbImage plainImage = plain.firstResult();
            System.out.printf(Locale.ROOT, "First, cold calls: ours %.2f s, plain %.2f s; ours differs from the"
                    + " plain float32 result by %s%n", oursFirst / 1e9, plainFirst / 1e9,
                    LamaCrop.compare(oursImage, plainImage));
            LamaCrop.requireClose(oursImage, plainImage);
            long oursTotal = 0;
            long plainTotal = 0;
            List<Double> ratios = new ArrayList<>();
            for (int pair = 1; pair <= pairs; pair++) {
                boolean oursFirstInPair = pair % 2 == 1;
                long oursNanos = oursFirstInPair ? ours.run() : 0;
                long plainNanos = plain.run();
                oursNanos = oursFirstInPair ? oursNanos : ours.run();
                oursTotal += oursNanos;
                plainTotal += plainNanos;
                ratios.add((double) plainNanos / oursNanos);
                System.out.printf(Locale.ROOT, "pair %d: ours %.2f s, plain %.2f s, speed-up %.2fx%n", pair,
                        oursNanos / 1e9, plainNanos / 1e9, ratios.get(ratios.size() - 1));
            }
            ratios.sort(null);
            System.out.printf(Locale.ROOT, "%nours (./iopaint's environment: %s) %.2f s per call; plain (IOPaint's"
                            + " environment) %.2f s per call; speed-up %.2fx over %d pairs (median pair %.2fx)%n",
                    HugePages.ENVIRONMENT, oursTotal / 1e9 / pairs, plainTotal / 1e9 / pairs,
                    (double) plainTotal / oursTotal, pairs, ratios.get(ratios.size() / 2));
        } finally {
            Folders.deleteTree(folder);
        }
    }

    /** A child: sets up one side, then runs one call per "run" line and answers with its time. */
    private static void serve(String side, Path lamaFile, String size, Path output) throws IOException {
        if (!side.equals("ours") && !side.equals("plain")) {
            throw new IllegalArgumentException("side must be ours or plain, not '" + side + "'");
        }
        BufferedReader commands = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        try (LamaCrop lama = new LamaCrop(lamaFile, size)) {
            for (String command = commands.readLine(); "run".equals(command); command = commands.readLine()) {
                long start = System.nanoTime();
                RgbImage result = side.equals("ours") ? lama.ours() : lama.plain();
                long nanos = System.nanoTime() - start;
                if (!Files.exists(output)) {
                    Files.write(output, result.pixels());
                }
                System.out.println(TIME + nanos);
            }
        }
    }

    /** One side's child process. */
    private record Side(String name, Process process, BufferedWriter commands, BufferedReader answers,
                        Path output, int width, int height) implements AutoCloseable {
        static Side start(String name, Path lamaFile, String size, Path folder, boolean launcherEnvironment)
                throws IOException {
            Path output = folder.resolve(name + ".rgb");
            ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"),
                    "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=error",
                    "-cp", System.getProperty("java.class.path"), LamaVsIopaint.class.getName(),
                    "side=" + name, "lamaFile=" + lamaFile.toAbsolutePath(), "size=" + size, "output=" + output)
                    .redirectError(ProcessBuilder.Redirect.INHERIT);
            Map<String, String> environment = builder.environment();
            HugePages.ENVIRONMENT.keySet().forEach(environment::remove);
            if (launcherEnvironment) {
                environment.putAll(HugePages.ENVIRONMENT);
            }
            Process process = builder.start();
            return new Side(name, process,
                    new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8)),
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)),
                    output, Images.width(size), Images.height(size));
        }

        /** One call, in the child; its time in nanoseconds. */
        long run() throws IOException {
            commands.write("run\n");
            commands.flush();
            for (String line = answers.readLine(); line != null; line = answers.readLine()) {
                if (line.startsWith(TIME)) {
                    return Long.parseLong(line.substring(TIME.length()));
                }
            }
            throw new IllegalStateException("The " + name + " side stopped (exit code " + waitFor() + "); its"
                    + " errors are above");
        }

        RgbImage firstResult() throws IOException {
            return new RgbImage(width, height, Files.readAllBytes(output));
        }

        private int waitFor() {
            try {
                return process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            }
        }

        @Override
        public void close() throws IOException {
            commands.close();
            waitFor();
        }
    }
}
