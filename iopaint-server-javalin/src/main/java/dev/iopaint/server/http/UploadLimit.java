package dev.iopaint.server.http;

import dev.iopaint.api.InputTooLargeException;
import io.javalin.config.Key;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

/**
 * Refuses request bodies above the upload limit with 413 before they are read, whatever the endpoint and content
 * type, going by their declared {@code Content-Length}. Bodies without one (chunked) are cut off at the same limit
 * while they are read: by Javalin for JSON, by Jetty for multipart (see {@link MultipartFiles}).
 */
public final class UploadLimit implements RouteGroup {
    /** Where the limit is kept for error messages ({@code config.appData(MAX_BYTES, limit)}). */
    public static final Key<Long> MAX_BYTES = new Key<>("iopaint-max-upload-bytes");

    private final long maxBytes;

    public UploadLimit(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    @Override
    public void register(RoutesConfig routes) {
        routes.before(this::check);
    }

    private void check(Context ctx) {
        long length = ctx.req().getContentLengthLong();
        if (length > maxBytes) {
            throw tooLarge(length, maxBytes);
        }
    }

    static InputTooLargeException tooLarge(long length, long maxBytes) {
        String size = length < 0 ? "larger than" : length + " bytes, more than";
        return new InputTooLargeException("The request body is " + size + " the upload limit of " + maxBytes
                + " bytes; send a smaller image or raise the limit (--max-upload-mb)");
    }
}
