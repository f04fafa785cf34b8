package dev.iopaint.server.http;

import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * {@code GET /openapi.json}: an OpenAPI 3 description of every endpoint, and {@code GET /docs}: a page that links
 * it (IOPaint serves Swagger UI there; a browser-side viewer cannot be bundled offline, so the page lists the
 * endpoints and points tools at the document).
 */
public final class OpenApiRoutes implements RouteGroup {
    static final String DOCUMENT = "/openapi/openapi.json";
    static final String PAGE = "/openapi/docs.html";

    private final byte[] document = resource(DOCUMENT);
    private final byte[] page = resource(PAGE);

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }

    private static byte[] resource(String name) {
        try (InputStream in = OpenApiRoutes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the server jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name + " from the server jar", e);
        }
    }
}
