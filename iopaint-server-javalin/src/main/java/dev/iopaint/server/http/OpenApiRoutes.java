package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.iopaint.core.json.IopaintJson;
import io.javalin.config.RoutesConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * {@code GET /openapi.json}: an OpenAPI 3 description of every endpoint, and {@code GET /docs}: a page that links
 * it (IOPaint serves Swagger UI there; a browser-side viewer cannot be bundled offline, so the page lists the
 * endpoints and points tools at the document).
 */
public final class OpenApiRoutes implements RouteGroup {
    static final String DOCUMENT = "/openapi/openapi.json";
    static final String PAGE = "/openapi/docs.html";

    private final byte[] document;
    private final byte[] page = resource(PAGE);

    /** @param fragments resources of the optional route groups served too, merged into the document */
    public OpenApiRoutes(List<String> fragments) {
        document = fragments.isEmpty() ? resource(DOCUMENT) : merged(fragments);
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/openapi.json", ctx -> ctx.contentType("application/json").result(document));
        routes.get("/docs", ctx -> ctx.contentType("text/html; charset=utf-8").result(page));
    }

    private static byte[] merged(List<String> fragments) {
        try {
            ObjectNode document = (ObjectNode) IopaintJson.mapper().readTree(resource(DOCUMENT));
            for (String name : fragments) {
                JsonNode fragment = IopaintJson.mapper().readTree(resource(name));
                ((ObjectNode) document.get("paths")).setAll((ObjectNode) fragment.get("paths"));
                ((ObjectNode) document.get("components").get("schemas"))
                        .setAll((ObjectNode) fragment.get("components").get("schemas"));
            }
            return IopaintJson.mapper().writeValueAsBytes(document);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not merge the OpenAPI fragments " + fragments, e);
        }
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
