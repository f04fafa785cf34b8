package dev.iopaint.server.cli;

import dev.iopaint.api.Device;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelType;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.download.TerminalProgressBar;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.server.IopaintServer;
import dev.iopaint.server.ServerPlugins;
import dev.iopaint.server.ServerSettings;
import dev.iopaint.server.http.BudgetRoutes;
import dev.iopaint.openai.budget.BudgetConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * {@code iopaint start}: IOPaint's server. Every option can also come from {@code --config FILE.json}, whose keys
 * are the option names in snake_case (IOPaint's {@code ApiConfig}); options on the command line win.
 */
@Command(name = "start", description = "Start the web server with IOPaint's HTTP API and web page.")
final class StartCommand extends ModelFolderCommand {
    /** Erase models in the order the default model is chosen from those on disk; cv2 needs no files. */
    static final List<String> DEFAULT_MODEL_PREFERENCE =
            List.of("lama", "anime-lama", "migan", "mat", "fcf", "zits", "manga", "ldm", "cv2");

    @Option(names = "--host", defaultValue = ServerSettings.DEFAULT_HOST, description = "Default: ${DEFAULT-VALUE}.")
    String host;
    @Option(names = "--port", defaultValue = "" + ServerSettings.DEFAULT_PORT, description = "Default: ${DEFAULT-VALUE}.")
    int port;
    @Option(names = "--inbrowser", description = "Open the web page in the default browser once started.")
    boolean inbrowser;
    @Option(names = "--model", paramLabel = "NAME",
            description = "Model to serve (default: the best erase model on disk, lama first, else cv2); downloaded when missing.")
    String model;
    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or mps (default: ${DEFAULT-VALUE}).")
    String device;
    @Option(names = "--low-mem", description = "Trade speed for memory in diffusion models.")
    boolean lowMem;
    @Option(names = "--no-half", description = "Keep fp32 weights where fp16 would be used.")
    boolean noHalf;
    @Option(names = "--cpu-offload", description = "Keep diffusion weights on the CPU, moving layers to the device as needed.")
    boolean cpuOffload;
    @Option(names = "--disable-nsfw-checker", description = "Skip the safety checker of diffusion models.")
    boolean disableNsfwChecker;
    @Option(names = "--cpu-textencoder", description = "Run the text encoder on the CPU (only with --device cuda).")
    boolean cpuTextencoder;
    @Option(names = "--local-files-only", description = "Never download: models must already be on disk.")
    boolean localFilesOnly;
    @Option(names = "--input", paramLabel = "PATH", description = "An image to open, or a folder for the file manager.")
    Path input;
    @Option(names = "--mask-dir", paramLabel = "DIR", description = "Masks for the file manager.")
    Path maskDir;
    @Option(names = "--output-dir", paramLabel = "DIR", description = "Save results here (created if missing).")
    Path outputDir;
    @Option(names = "--quality", defaultValue = "" + ServerSettings.DEFAULT_QUALITY,
            description = "Quality of JPEG/WebP results, 1..100 (default: ${DEFAULT-VALUE}).")
    int quality;
    @Option(names = "--max-upload-mb", defaultValue = "100", paramLabel = "MB",
            description = "Largest request body accepted; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    long maxUploadMb;
    @Option(names = "--max-pixels", defaultValue = "" + dev.iopaint.core.image.ImageCodec.DEFAULT_MAX_PIXELS,
            paramLabel = "N", description = "Largest image accepted, in pixels (default: ${DEFAULT-VALUE}).")
    long maxPixels;
    @Option(names = "--queue-size", defaultValue = "" + ServerSettings.DEFAULT_QUEUE_CAPACITY, paramLabel = "N",
            description = "Inpaint requests that may wait for the model; more get 503 (default: ${DEFAULT-VALUE}).")
    int queueSize;
    @picocli.CommandLine.Mixin
    OpenAiOptions openAi;
    @picocli.CommandLine.Mixin
    PluginOptions plugins;
    @Option(names = "--config", paramLabel = "FILE.json", description = "Options as JSON, e.g. {\"port\": 8081}.")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        Running running = startServer();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            out().println("Stopping: letting requests in flight finish...");
            running.close();
            stopped.countDown();
        }, "iopaint-shutdown"));
        if (inbrowser) {
            Browser.open(running.server().uri(), out());
        }
        stopped.await();
        return 0;
    }

    /**
     * A started server, the model and plugins it serves and its budget endpoints; closing stops the server, then
     * the rest.
     */
    record Running(IopaintServer server, Iopaint iopaint, ServerPlugins plugins, BudgetRoutes budget)
            implements AutoCloseable {
        @Override
        public void close() {
            try {
                server.close();
            } finally {
                budget.close();
                plugins.close();
                iopaint.close();
            }
        }
    }

    /** Loads the model and the plugins on the classpath that are enabled, and starts listening. */
    Running startServer() {
        return startServer(PluginRegistry.discover(getClass().getClassLoader()));
    }

    /**
     * Loads the model, then the enabled plugins out of {@code installedPlugins}, and starts listening; prints
     * where, with what, and how long it took.
     */
    Running startServer(PluginRegistry installedPlugins) {
        long startNanos = System.nanoTime();
        Device chosenDevice = Device.fromWireName(device.toLowerCase(Locale.ROOT));
        ServerSettings settings = new ServerSettings(host, port, input, maskDir, outputDir, quality,
                Math.multiplyExact(maxUploadMb, 1024L * 1024), maxPixels, queueSize);
        // Read before the model loads, so a mistyped plugin flag fails at once.
        List<PluginSetting> pluginSettings = plugins.settings();
        var directory = modelDir.resolve(environment());
        Iopaint iopaint = Iopaint.builder()
                .modelDir(directory.root())
                .environment(openAi.over(environment()))
                .model(model != null ? model : defaultModel())
                .device(chosenDevice)
                .loadOptions(new LoadOptions(chosenDevice, noHalf, lowMem, cpuOffload, disableNsfwChecker,
                        cpuTextencoder && chosenDevice == Device.CUDA, localFilesOnly, Map.of()))
                .offline(localFilesOnly)
                .downloadListener(new TerminalProgressBar(System.err))
                .build();
        ServerPlugins served;
        try {
            // The model's store, so plugin files obey the same --model-dir, overrides and --local-files-only.
            served = ServerPlugins.start(installedPlugins, iopaint.store(), pluginSettings,
                    new TerminalProgressBar(System.err));
        } catch (RuntimeException e) {
            iopaint.close();
            throw e;
        }
        IopaintServer server;
        BudgetRoutes budget;
        try {
            budget = new BudgetRoutes(BudgetConfig.fromSettings(openAi.over(environment())));
            server = IopaintServer.start(iopaint, settings, served, List.of(budget));
        } catch (RuntimeException e) {
            served.close();
            iopaint.close();
            throw e;
        }
        out().printf(Locale.ROOT,
                "IOPaint is ready at %s (model %s%s, models in %s) after %.1f s; Ctrl-C stops it%n",
                server.uri(), iopaint.model().name(), describe(served), directory.root(),
                (System.nanoTime() - startNanos) / 1e9);
        return new Running(server, iopaint, served, budget);
    }

    /** ", plugins InteractiveSeg (sam_mini), RemoveBG (u2netp)", or nothing when none is enabled. */
    private static String describe(ServerPlugins served) {
        List<String> enabled = served.running().enabled().stream()
                .map(provider -> provider.name() + " (" + served.running().model(provider.name()) + ")").toList();
        return enabled.isEmpty() ? "" : ", plugins " + String.join(", ", enabled);
    }

    /** The first model of {@link #DEFAULT_MODEL_PREFERENCE} that is on disk, so a fresh machine needs no network. */
    private String defaultModel() {
        var store = modelDir.store(environment());
        var onDisk = new dev.iopaint.core.registry.ModelCatalog(
                dev.iopaint.core.registry.ModelRegistry.discover(getClass().getClassLoader()), store).scan();
        List<String> names = onDisk.stream().filter(info -> info.modelType() == ModelType.INPAINT)
                .map(ModelInfo::name).toList();
        return DEFAULT_MODEL_PREFERENCE.stream().filter(names::contains).findFirst()
                .orElse(names.isEmpty() ? "cv2" : names.get(0));
    }
}
