package dev.iopaint.server.http;

import dev.iopaint.api.IopaintException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code GET /api/v1/inputimage}: the image given with {@code --input}, which the web client opens on load. As in
 * IOPaint, no {@code --input} is answered with status 200 and a JSON error body (the client only uses an
 * {@code image/*} answer), and an {@code --input} folder with 404.
 */
public final class InputImageRoutes implements RouteGroup {
    private final Path input;

    /** @param input the {@code --input} file or folder, or null */
    public InputImageRoutes(Path input) {
        this.input = input;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/inputimage", this::inputImage);
    }

    private void inputImage(Context ctx) throws IOException {
        if (input == null) {
            ErrorResponses.respond(ctx, HttpStatus.OK,
                    new IopaintException("No input image configured; start the server with --input IMAGE"));
            return;
        }
        if (!Files.isRegularFile(input)) {
            throw new NotFoundResponse("Input image not found: --input is a folder (open its images through the"
                    + " file manager) or no longer exists");
        }
        ctx.header("Content-Disposition", ImageFiles.inlineDisposition(input.getFileName().toString()));
        ImageFiles.send(ctx, input);
    }
}
