package dev.iopaint.server.http;

import io.javalin.config.RoutesConfig;

/** A set of related endpoints, registered when the server is configured. */
public interface RouteGroup {
    void register(RoutesConfig routes);
}
