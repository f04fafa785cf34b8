package dev.iopaint.bench;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.json.IopaintJson;
import dev.iopaint.server.IopaintServer;
import dev.iopaint.server.ServerSettings;
import dev.iopaint.server.http.InpaintQueue;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * The server under load against the same work done by direct library calls in the same process: what HTTP, JSON
 * and base64 cost per request (issue 6, item 4). Starts the real server with the {@code cv2} model on a free
 * loopback port, then for each size and client count runs measured windows of {@code POST /api/v1/inpaint}
 * ({@link ServerInpaint}) and of the direct calls ({@link DirectInpaint}) in alternating order (server first in
 * odd rounds, direct first in even ones), and prints throughput, p50/p99 latency and the overhead
 * {@code server time per request / direct time per request - 1}, pooled over the rounds and as the median of the
 * rounds' own overheads, beside the same ratio of the process's CPU time per request. The HTTP client runs in this
 * process too, so its work counts on the server's side, as a browser's would on the same machine.
 *
 * <p>The server's queue holds as many waiting requests as the largest client count, so no request is refused.
 * Options and their defaults: {@link LoadArguments}.
 */
public final class ServerLoad {
    private static final String NOT_MEASURED = "n/a (no answer inside a window; raise --seconds)";

    private final LoadArguments arguments;
    private final Iopaint iopaint;
    private final IopaintServer server;
    private final ServerSettings settings;
    private final HttpClient http = ServerInpaint.client();
    private final ImageCodec codec;
    private final List<String> table = new ArrayList<>();

    private ServerLoad(LoadArguments arguments, Iopaint iopaint, IopaintServer server, ServerSettings settings) {
        this.arguments = arguments;
        this.iopaint = iopaint;
        this.server = server;
        this.settings = settings;
        this.codec = new ImageCodec(settings.maxPixels());
    }

    public static void main(String[] args) throws Exception {
        LoadArguments arguments;
        try {
            arguments = LoadArguments.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        // The route logs every inpaint at info; the driver's own lines are the output.
        System.setProperty("org.slf4j.simpleLogger.log.dev.iopaint.server.http.InpaintRoutes", "warn");
        ServerSettings settings = new ServerSettings(ServerSettings.DEFAULT_HOST, 0, null, null, null,
                ServerSettings.DEFAULT_QUALITY, ServerSettings.DEFAULT_MAX_UPLOAD_BYTES, ImageCodec.DEFAULT_MAX_PIXELS,
                arguments.mostClients());
        Path modelDir = Files.createTempDirectory("iopaint-load");
        try (Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model("cv2").build();
             IopaintServer server = IopaintServer.start(iopaint, settings)) {
            new ServerLoad(arguments, iopaint, server, settings).run();
        } finally {
            delete(modelDir);
        }
    }

    private void run() throws Exception {
        System.out.printf(Locale.ROOT, "cv2 at %s, mask %d%% of the pixels, %d round(s) of %.1f s windows per side,"
                        + " %.1f s warm-up (one client) per side and size, %d processors%n", server.uri(),
                arguments.maskPercent(), arguments.rounds(), arguments.window().toMillis() / 1e3, arguments.warmup().toMillis() / 1e3,
                Runtime.getRuntime().availableProcessors());
        for (String size : arguments.sizes()) {
            measure(size);
        }
        System.out.println();
        System.out.println("| size | clients | server req/s | direct req/s | overhead (median of rounds)"
                + " | CPU overhead | server p50 / p99 ms | direct p50 / p99 ms | answers server / direct |");
        System.out.println("|---|---|---|---|---|---|---|---|---|");
        table.forEach(System.out::println);
    }

    private void measure(String size) throws Exception {
        Workload workload = Workload.of(size, arguments.maskPercent() / 100.0, codec);
        InpaintRequest request = IopaintJson.readRequest(WebClientBody.settings());
        Callable<byte[]> viaServer = new ServerInpaint(http, server.uri(), workload.body());
        Callable<byte[]> direct = new DirectInpaint(iopaint, codec, new InpaintQueue(settings.queueCapacity()),
                request, settings.quality(), workload);
        byte[] served = viaServer.call();
        if (!Arrays.equals(served, direct.call())) {
            throw new IllegalStateException("The server's answer differs from the direct calls' at " + size
                    + ": they no longer do the same work, so the comparison would be meaningless");
        }
        System.out.printf(Locale.ROOT, "%s: JPEG %.2f MB, mask PNG %.3f MB, JSON body %.2f MB, answer %.2f MB"
                        + " (the same bytes both ways)%n", size, workload.jpeg().length / 1e6,
                workload.maskPng().length / 1e6, workload.body().length / 1e6, served.length / 1e6);
        if (!arguments.warmup().isZero()) {
            LoadPhase.run(1, arguments.warmup(), viaServer);
            LoadPhase.run(1, arguments.warmup(), direct);
        }
        for (int clients : arguments.clients()) {
            compare(size, clients, viaServer, direct);
        }
    }

    /** Rounds of one server window and one direct window, in alternating order, then the table row. */
    private void compare(String size, int clients, Callable<byte[]> viaServer, Callable<byte[]> direct)
            throws InterruptedException {
        List<PhaseResult> serverPhases = new ArrayList<>();
        List<PhaseResult> directPhases = new ArrayList<>();
        for (int round = 1; round <= arguments.rounds(); round++) {
            boolean serverFirst = round % 2 == 1;
            PhaseResult first = LoadPhase.run(clients, arguments.window(), serverFirst ? viaServer : direct);
            PhaseResult second = LoadPhase.run(clients, arguments.window(), serverFirst ? direct : viaServer);
            PhaseResult viaHttp = serverFirst ? first : second;
            PhaseResult plain = serverFirst ? second : first;
            serverPhases.add(viaHttp);
            directPhases.add(plain);
            System.out.printf(Locale.ROOT, "%s, %d client(s), round %d: server %.2f req/s, direct %.2f req/s,"
                            + " overhead %s wall, %s CPU%n", size, clients, round, viaHttp.perSecond(),
                    plain.perSecond(), overhead(viaHttp, plain), cpuOverhead(viaHttp, plain));
        }
        table.add(row(size, clients, serverPhases, directPhases));
    }

    /** A table row from all rounds pooled, with the median of the rounds' own overheads beside the pooled one. */
    private static String row(String size, int clients, List<PhaseResult> serverPhases,
                              List<PhaseResult> directPhases) {
        PhaseResult viaHttp = PhaseResult.pooled(serverPhases);
        PhaseResult plain = PhaseResult.pooled(directPhases);
        return String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f | %s (%s) | %s | %.0f / %.0f | %.0f / %.0f"
                        + " | %d / %d |", size, clients, viaHttp.perSecond(), plain.perSecond(),
                overhead(viaHttp, plain), medianOverhead(serverPhases, directPhases), cpuOverhead(viaHttp, plain),
                viaHttp.percentileMillis(50), viaHttp.percentileMillis(99), plain.percentileMillis(50),
                plain.percentileMillis(99), viaHttp.answers(), plain.answers());
    }

    /** Server wall time per request / direct wall time per request - 1: the figure issue 6 sets a target for. */
    private static String overhead(PhaseResult viaHttp, PhaseResult plain) {
        if (!viaHttp.measured() || !plain.measured()) {
            return NOT_MEASURED;
        }
        return percent(viaHttp.nanosPerRequest() / plain.nanosPerRequest() - 1);
    }

    /** The middle of the rounds' overheads: one round disturbed by another process moves it less. */
    private static String medianOverhead(List<PhaseResult> serverPhases, List<PhaseResult> directPhases) {
        double[] ratios = new double[serverPhases.size()];
        for (int i = 0; i < ratios.length; i++) {
            PhaseResult viaHttp = serverPhases.get(i);
            PhaseResult plain = directPhases.get(i);
            if (!viaHttp.measured() || !plain.measured()) {
                return NOT_MEASURED;
            }
            ratios[i] = viaHttp.nanosPerRequest() / plain.nanosPerRequest() - 1;
        }
        Arrays.sort(ratios);
        int middle = ratios.length / 2;
        return percent(ratios.length % 2 == 1 ? ratios[middle] : (ratios[middle - 1] + ratios[middle]) / 2);
    }

    /** The same with the process's CPU time per request, which other processes on the machine cannot inflate. */
    private static String cpuOverhead(PhaseResult viaHttp, PhaseResult plain) {
        if (!viaHttp.measured() || !plain.measured()) {
            return NOT_MEASURED;
        }
        return percent(viaHttp.cpuNanosPerRequest() / plain.cpuNanosPerRequest() - 1);
    }

    private static String percent(double ratio) {
        return String.format(Locale.ROOT, "%+.1f%%", ratio * 100);
    }

    private static void delete(Path dir) throws IOException {
        Folders.deleteTree(dir);
    }
}
