package dev.iopaint.server;

import dev.iopaint.api.IopaintException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.json.IopaintJson;
import dev.iopaint.server.http.ErrorResponses;
import dev.iopaint.server.http.FileManagerRoutes;
import dev.iopaint.server.http.HealthRoutes;
import dev.iopaint.server.http.InpaintQueue;
import dev.iopaint.server.http.InpaintRoutes;
import dev.iopaint.server.http.InputImageRoutes;
import dev.iopaint.server.http.ModelRoutes;
import dev.iopaint.server.http.OpenApiRoutes;
import dev.iopaint.server.http.PluginRoutes;
import dev.iopaint.server.http.ProgressEvents;
import dev.iopaint.server.http.RouteGroup;
import dev.iopaint.server.http.SaveImageRoutes;
import dev.iopaint.server.http.ServerConfigRoutes;
import dev.iopaint.server.http.ToolRoutes;
import dev.iopaint.server.http.UploadLimit;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.eclipse.jetty.server.handler.GracefulHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;

/**
 * IOPaint's HTTP API and the built-in web page, on Javalin, serving one {@link Iopaint} and its
 * {@link ServerPlugins}. Closing the server lets requests in flight finish; the caller closes the {@code Iopaint}
 * and the plugins afterwards.
 */
public final class IopaintServer implements AutoCloseable {
    /** How long a stop waits for requests in flight; a diffusion run on a CPU can take minutes. */
    static final Duration STOP_TIMEOUT = Duration.ofMinutes(5);
    private static final Logger log = LoggerFactory.getLogger(IopaintServer.class);

    private final Javalin app;
    private final ServerSettings settings;
    private final ProgressEvents progress;

    private IopaintServer(Javalin app, ServerSettings settings, ProgressEvents progress) {
        this.app = app;
        this.settings = settings;
        this.progress = progress;
    }

    /** Starts listening; returns once the port is bound. Creates the output folder if one is set. */
    public static IopaintServer start(Iopaint iopaint, ServerSettings settings) {
        return start(iopaint, settings, List.of());
    }

    /** Starts listening with IOPaint's API plus {@code extraRoutes}, such as the budget endpoints; no plugins. */
    public static IopaintServer start(Iopaint iopaint, ServerSettings settings, List<RouteGroup> extraRoutes) {
        return start(iopaint, settings, ServerPlugins.none(iopaint.store()), extraRoutes);
    }

    /**
     * Starts listening with IOPaint's API, the {@code plugins} (listed by server-config, run by the plugin
     * endpoints) and {@code extraRoutes}. The caller closes the plugins after the server, like the {@code Iopaint}.
     */
    public static IopaintServer start(Iopaint iopaint, ServerSettings settings, ServerPlugins plugins,
                                      List<RouteGroup> extraRoutes) {
        createOutputDir(settings);
        ImageCodec codec = new ImageCodec(settings.maxPixels());
        InpaintQueue queue = new InpaintQueue(settings.queueCapacity());
        ProgressEvents progress = new ProgressEvents();
        List<RouteGroup> groups = List.of(
                new UploadLimit(settings.maxUploadBytes()),
                new HealthRoutes(iopaint, queue),
                new ServerConfigRoutes(iopaint, settings, plugins),
                new ModelRoutes(iopaint),
                new InpaintRoutes(iopaint, codec, queue, progress, settings.quality()),
                new InputImageRoutes(settings.input()),
                new SaveImageRoutes(settings.outputDir(), settings.maxUploadBytes()),
                new ToolRoutes(codec, settings.maxUploadBytes()),
                new PluginRoutes(plugins, codec, settings.quality()),
                new FileManagerRoutes(settings, codec),
                progress,
                new OpenApiRoutes(extraRoutes.stream().flatMap(group -> group.openApiFragment().stream()).toList()));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            // Stopping waits for requests in flight (up to STOP_TIMEOUT) instead of cutting them off.
            config.jetty.modifyServer(server -> {
                server.setHandler(new GracefulHandler());
                server.setStopTimeout(STOP_TIMEOUT.toMillis());
            });
            config.http.maxRequestSize = settings.maxUploadBytes();
            config.appData(UploadLimit.MAX_BYTES, settings.maxUploadBytes());
            config.jetty.multipartConfig.maxFileSize(settings.maxUploadBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxTotalRequestSize(settings.maxUploadBytes(), SizeUnit.BYTES);
            config.jsonMapper(new JavalinJackson(IopaintJson.mapper(), false));
            config.bundledPlugins.enableCors(cors -> cors.addRule(rule -> {
                rule.anyHost();
                rule.exposeHeader("X-Seed");
            }));
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = "/web";
                files.location = Location.CLASSPATH;
            });
            ErrorResponses.register(config.routes);
            groups.forEach(group -> group.register(config.routes));
            extraRoutes.forEach(group -> group.register(config.routes));
        }).start();
        IopaintServer server = new IopaintServer(app, settings, progress);
        log.info("Serving {} at {}", iopaint.model().name(), server.uri());
        return server;
    }

    private static void createOutputDir(ServerSettings settings) {
        if (settings.outputDir() == null) {
            return;
        }
        try {
            Files.createDirectories(settings.outputDir());
        } catch (IOException e) {
            throw new IopaintException("Could not create --output-dir " + settings.outputDir() + ": " + e
                    + "; give a folder you can write to", e);
        }
    }

    public int port() {
        return app.port();
    }

    /** Where a browser reaches the server. */
    public URI uri() {
        return URI.create("http://" + settings.host() + ":" + port() + "/");
    }

    /** The progress event hub; a model reporting denoising steps publishes them here. */
    public ProgressEvents progress() {
        return progress;
    }

    @Override
    public void close() {
        progress.close();
        app.stop();
    }
}
