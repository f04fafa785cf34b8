package dev.iopaint.server.http;

import io.javalin.config.RoutesConfig;

import java.util.Optional;

/** A set of related endpoints, registered when the server is configured. */
public interface RouteGroup {
    void register(RoutesConfig routes);

    /**
     * A classpath resource with the OpenAPI {@code paths} and {@code components} of a group that is not always
     * served (such as the budget), merged into {@code /openapi.json} when the group is; IOPaint's own endpoints are
     * in the main document.
     */
    default Optional<String> openApiFragment() {
        return Optional.empty();
    }
}
