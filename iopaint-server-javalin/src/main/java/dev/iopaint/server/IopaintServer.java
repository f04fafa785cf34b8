package dev.iopaint.server;

import dev.iopaint.core.Iopaint;
import dev.iopaint.core.json.IopaintJson;
import dev.iopaint.server.http.ErrorResponses;
import dev.iopaint.server.http.RouteGroup;
import io.javalin.Javalin;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.util.List;

/**
 * IOPaint's HTTP API and the built-in web page, on Javalin, serving one {@link Iopaint}. Closing the server lets
 * requests in flight finish; the caller closes the {@code Iopaint} afterwards.
 */
public final class IopaintServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IopaintServer.class);

    private final Javalin app;
    private final ServerSettings settings;

    private IopaintServer(Javalin app, ServerSettings settings) {
        this.app = app;
        this.settings = settings;
    }

    /** Starts listening; returns once the port is bound. */
    public static IopaintServer start(Iopaint iopaint, ServerSettings settings) {
        List<RouteGroup> groups = List.of(new dev.iopaint.server.http.HealthRoutes(iopaint));
        Javalin app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.maxRequestSize = settings.maxUploadBytes();
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
        }).start();
        IopaintServer server = new IopaintServer(app, settings);
        log.info("Serving {} at {}", iopaint.model().name(), server.uri());
        return server;
    }

    public int port() {
        return app.port();
    }

    /** Where a browser reaches the server. */
    public URI uri() {
        return URI.create("http://" + settings.host() + ":" + port() + "/");
    }

    @Override
    public void close() {
        app.stop();
    }
}
