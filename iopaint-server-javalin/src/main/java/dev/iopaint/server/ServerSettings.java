package dev.iopaint.server;

import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.image.ImageCodec;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the HTTP server runs: IOPaint's {@code start} flags that concern the server (the model's own flags go to the
 * {@link dev.iopaint.core.Iopaint} it serves), plus the limits that keep it healthy under load.
 *
 * @param host           interface to listen on (IOPaint: 127.0.0.1)
 * @param port           port to listen on (IOPaint: 8080; 0 picks a free one)
 * @param input          an image to open at start, or a folder that enables the file manager; null for none
 * @param maskDir        folder of masks for the file manager; null for none
 * @param outputDir      folder where results are saved; null disables saving
 * @param quality        encoder quality of results, 1..100 (IOPaint: 100)
 * @param maxUploadBytes largest request body accepted; larger ones get 413
 * @param maxPixels      largest image accepted, in pixels
 * @param queueCapacity  inpaint requests that may wait for the model; more get 503 with Retry-After
 */
public record ServerSettings(String host, int port, Path input, Path maskDir, Path outputDir, int quality,
                             long maxUploadBytes, long maxPixels, int queueCapacity) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;
    public static final int DEFAULT_QUALITY = 100;
    public static final long DEFAULT_MAX_UPLOAD_BYTES = 100L * 1024 * 1024;
    public static final int DEFAULT_QUEUE_CAPACITY = 16;

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new UnsupportedInputException("--port must be 0..65535, got " + port);
        }
        if (quality < 1 || quality > 100) {
            throw new UnsupportedInputException("--quality must be 1..100, got " + quality);
        }
        if (maxUploadBytes < 1024) {
            throw new UnsupportedInputException("The upload limit must be at least 1 KiB, got " + maxUploadBytes);
        }
        if (queueCapacity < 0) {
            throw new UnsupportedInputException("The queue capacity must not be negative, got " + queueCapacity);
        }
        if (input != null && !Files.exists(input)) {
            throw new UnsupportedInputException("--input " + input + " does not exist; give an image file or a folder");
        }
        if (input != null && Files.isDirectory(input) && outputDir == null) {
            throw new UnsupportedInputException("--input is a folder, so the file manager needs --output-dir too");
        }
    }

    /** IOPaint's defaults: 127.0.0.1:8080, no input, no saving. */
    public static ServerSettings defaults() {
        return new ServerSettings(DEFAULT_HOST, DEFAULT_PORT, null, null, null, DEFAULT_QUALITY,
                DEFAULT_MAX_UPLOAD_BYTES, ImageCodec.DEFAULT_MAX_PIXELS, DEFAULT_QUEUE_CAPACITY);
    }

    public ServerSettings withPort(int newPort) {
        return new ServerSettings(host, newPort, input, maskDir, outputDir, quality, maxUploadBytes, maxPixels,
                queueCapacity);
    }

    /** True when {@link #input} is a folder: IOPaint's file manager is on. */
    public boolean fileManagerEnabled() {
        return input != null && Files.isDirectory(input);
    }
}
