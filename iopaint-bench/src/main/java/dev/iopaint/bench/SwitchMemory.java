package dev.iopaint.bench;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The process's resident memory over many model switches, which must not grow: {@code switches} switches between
 * {@code lama} and {@code migan} through {@code Iopaint.switchModel}, each followed by one small inpaint with the
 * model just loaded, then as many {@link BareSwitch} switches (DJL alone) as the baseline. Prints VmRSS (from
 * /proc/self/status) and the Java heap in use after a GC at switch 1, every tenth and the last; {@code inpaint=false}
 * leaves out the inpaints after the switches.
 * <pre>
 * java -Dai.djl.offline=true -cp iopaint-bench/target/benchmarks.jar dev.iopaint.bench.SwitchMemory \
 *     switches=100 lamaMb=196 miganMb=28 [lamaFile=/work/bench-data/big-lama-arch.pt] [inpaint=false]
 * </pre>
 */
public final class SwitchMemory {
    /** VmRSS in MiB by "phase@switch", for the summary. */
    private static final Map<String, Long> RESIDENT = new HashMap<>();
    private static final Set<String> KEYS = Set.of("switches", "lamaMb", "miganMb", "lamaFile", "inpaint");

    private SwitchMemory() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> options = Options.parse(args, KEYS);
        int switches = Integer.parseInt(options.getOrDefault("switches", "100"));
        boolean inpaint = Boolean.parseBoolean(options.getOrDefault("inpaint", "true"));
        SwitchModels models = SwitchModels.write(Integer.parseInt(options.getOrDefault("lamaMb", "196")),
                Integer.parseInt(options.getOrDefault("miganMb", "28")), options.getOrDefault("lamaFile", ""));
        try {
            System.out.printf(Locale.ROOT, "lama %s (%d MiB), migan %s (%d MiB)%n", models.lama(),
                    Files.size(models.lama()) >> 20, models.migan(), Files.size(models.migan()) >> 20);
            System.out.printf(Locale.ROOT, "%-28s %8s %10s %12s%n", "", "switch", "VmRSS MiB", "heap MiB");
            report("before loading", 0);
            RgbImage image = Images.photoLike(256, 256);
            Mask mask = Images.twoBlobs(256, 256);
            InpaintRequest request = InpaintRequest.defaults();
            try (Iopaint iopaint = models.open(SwitchModels.LAMA)) {
                iopaint.inpaint(image, mask, request);
                report("Iopaint: lama loaded", 0);
                for (int i = 1; i <= switches; i++) {
                    iopaint.switchModel(i % 2 == 1 ? SwitchModels.MIGAN : SwitchModels.LAMA);
                    if (inpaint) {
                        iopaint.inpaint(image, mask, request);
                    }
                    if (checkpoint(i, switches)) {
                        report("Iopaint.switchModel", i);
                    }
                }
            }
            report("Iopaint closed", switches);
            try (BareSwitch bare = new BareSwitch(models.lama())) {
                report("bare DJL: lama loaded", 0);
                for (int i = 1; i <= switches; i++) {
                    bare.switchTo(i % 2 == 1 ? models.migan() : models.lama());
                    if (checkpoint(i, switches)) {
                        report("bare DJL switch", i);
                    }
                }
            }
            report("bare DJL closed", switches);
            summary("Iopaint.switchModel", "bare DJL switch", switches);
        } finally {
            models.delete();
        }
    }

    /** Growth from switch 10 to the last, ours next to the baseline's. */
    private static void summary(String ours, String baseline, int last) {
        if (last <= 10) {
            return;
        }
        for (String phase : List.of(ours, baseline)) {
            long from = RESIDENT.get(phase + "@10");
            long to = RESIDENT.get(phase + "@" + last);
            System.out.printf(Locale.ROOT, "%s: VmRSS %d -> %d MiB from switch 10 to %d (x%.2f)%n", phase, from,
                    to, last, (double) to / from);
        }
    }

    private static boolean checkpoint(int i, int last) {
        return i == 1 || i % 10 == 0 || i == last;
    }

    private static void report(String phase, int switchCount) throws IOException {
        System.gc();
        Runtime runtime = Runtime.getRuntime();
        long heap = runtime.totalMemory() - runtime.freeMemory();
        long resident = residentKib() >> 10;
        RESIDENT.put(phase + "@" + switchCount, resident);
        System.out.printf(Locale.ROOT, "%-28s %8d %10d %12d%n", phase, switchCount, resident, heap >> 20);
    }

    /** VmRSS, the resident set of the whole process (Java heap, libtorch, OpenCV, everything). */
    static long residentKib() throws IOException {
        List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
        for (String line : status) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("/proc/self/status has no VmRSS line; this needs Linux");
    }
}
