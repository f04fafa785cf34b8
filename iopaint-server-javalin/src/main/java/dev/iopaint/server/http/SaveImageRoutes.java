package dev.iopaint.server.http;

import dev.iopaint.api.UnsupportedInputException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * {@code POST /api/v1/save_image} (multipart field {@code file}): writes the upload to the output folder under its
 * own file name, which is how the web client auto-saves results. The name must be a plain file name; anything that
 * could leave the folder is refused with 400 and nothing is written. The file appears whole or not at all (written
 * to a temporary file, then moved into place).
 */
public final class SaveImageRoutes implements RouteGroup {
    private static final Logger log = LoggerFactory.getLogger(SaveImageRoutes.class);

    private final Path outputDir;
    private final long maxUploadBytes;

    /** @param outputDir the {@code --output-dir}, or null when saving is off */
    public SaveImageRoutes(Path outputDir, long maxUploadBytes) {
        this.outputDir = outputDir == null ? null : outputDir.toAbsolutePath().normalize();
        this.maxUploadBytes = maxUploadBytes;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.post("/api/v1/save_image", this::save);
    }

    private void save(Context ctx) throws IOException {
        if (outputDir == null) {
            throw new UnsupportedInputException("Output directory not configured: start the server with"
                    + " --output-dir DIR to save images");
        }
        UploadedFile file = MultipartFiles.required(ctx, "file", maxUploadBytes);
        Path target = SafeFileNames.resolve(outputDir, file.filename());
        Files.createDirectories(outputDir);
        Path temp = Files.createTempFile(outputDir, ".saving-", ".tmp");
        try (InputStream in = file.content()) {
            Files.copy(in, temp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
        log.info("Saved {} ({} bytes)", target, file.size());
        ctx.contentType("application/json").result("null");
    }
}
