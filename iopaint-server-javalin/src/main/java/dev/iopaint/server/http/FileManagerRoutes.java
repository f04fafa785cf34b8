package dev.iopaint.server.http;

import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.server.ServerSettings;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UnprocessableContentResponse;

import java.io.IOException;
import java.nio.file.Path;

/**
 * IOPaint's file manager, on when {@code --input} is a folder: {@code GET /api/v1/medias?tab} lists a folder's
 * images, {@code GET /api/v1/media_file?tab&filename} sends one, and
 * {@code GET /api/v1/media_thumbnail_file?tab&filename&width&height} sends its thumbnail with headers
 * {@code X-Width} and {@code X-Height}. When it is off these answer 404, as IOPaint's server does for paths it
 * has no route for.
 *
 * <p>Unlike IOPaint, a file name must be a plain name of a .jpg/.jpeg/.png inside the folder (else 400), and files
 * are sent with the content type of their bytes instead of always {@code image/png}.
 */
public final class FileManagerRoutes implements RouteGroup {
    private final boolean enabled;
    private final MediaFolders folders;
    private final Thumbnails thumbnails;

    public FileManagerRoutes(ServerSettings settings, ImageCodec codec) {
        this.enabled = settings.fileManagerEnabled();
        this.folders = new MediaFolders(settings);
        this.thumbnails = enabled ? new Thumbnails(settings.outputDir().resolve("thumbnails"), codec) : null;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.get("/api/v1/medias", this::medias);
        routes.get("/api/v1/media_file", this::mediaFile);
        routes.get("/api/v1/media_thumbnail_file", this::thumbnail);
    }

    private void medias(Context ctx) throws IOException {
        requireEnabled();
        ctx.json(folders.list(ctx.queryParam("tab")));
    }

    private void mediaFile(Context ctx) throws IOException {
        requireEnabled();
        Path file = folders.file(ctx.queryParam("tab"), required(ctx, "filename"));
        ImageFiles.send(ctx, file);
    }

    private void thumbnail(Context ctx) throws IOException {
        requireEnabled();
        String tab = ctx.queryParam("tab");
        Path file = folders.file(tab, required(ctx, "filename"));
        int width = size(ctx, "width");
        int height = size(ctx, "height");
        Thumbnails.Thumbnail thumbnail = thumbnails.of(folders.folder(tab), file, width, height);
        ctx.header("X-Width", Integer.toString(thumbnail.width()));
        ctx.header("X-Height", Integer.toString(thumbnail.height()));
        ImageFiles.send(ctx, thumbnail.file());
    }

    private void requireEnabled() {
        if (!enabled) {
            throw new NotFoundResponse("The file manager is off: start the server with --input set to a folder"
                    + " (and --output-dir)");
        }
    }

    private static String required(Context ctx, String name) {
        String value = ctx.queryParam(name);
        if (value == null) {
            throw new UnprocessableContentResponse("Query parameter '" + name + "' is required");
        }
        return value;
    }

    private static int size(Context ctx, String name) {
        String value = required(ctx, name);
        try {
            int size = Integer.parseInt(value);
            if (size < 0) {
                throw new UnprocessableContentResponse("Query parameter '" + name + "' must not be negative, got "
                        + size);
            }
            return size;
        } catch (NumberFormatException e) {
            throw new UnprocessableContentResponse("Query parameter '" + name + "' must be an integer, got '"
                    + value + "'");
        }
    }
}
