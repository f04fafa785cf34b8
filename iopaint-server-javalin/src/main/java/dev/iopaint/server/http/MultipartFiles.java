package dev.iopaint.server.http;

import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.UnsupportedInputException;
import io.javalin.http.Context;
import io.javalin.http.UnprocessableContentResponse;
import io.javalin.http.UploadedFile;

/** The file field of a multipart/form-data request, with clear answers when the body is not one or too large. */
final class MultipartFiles {
    private MultipartFiles() {
    }

    /**
     * The uploaded file in {@code field}.
     *
     * @throws UnprocessableContentResponse when the field is missing
     * @throws InputTooLargeException       when Jetty cut the body off at the upload limit
     * @throws UnsupportedInputException    when the body is not readable multipart data
     */
    static UploadedFile required(Context ctx, String field, long maxBytes) {
        UploadedFile file;
        try {
            file = ctx.uploadedFile(field);
        } catch (Exception e) {
            // Kotlin lets Jetty's checked ServletException through undeclared.
            throw unreadable(e, maxBytes);
        }
        if (file == null) {
            throw new UnprocessableContentResponse("Field '" + field + "' is required: send the file as"
                    + " multipart/form-data");
        }
        return file;
    }

    /** Jetty reports a body over its multipart limits as an IllegalStateException ("max length exceeded"). */
    private static RuntimeException unreadable(Exception failure, long maxBytes) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("exceeded")) {
                return UploadLimit.tooLarge(-1, maxBytes);
            }
        }
        return new UnsupportedInputException("The body is not readable multipart/form-data ("
                + failure.getClass().getSimpleName() + "); send the file as a multipart form field", failure);
    }
}
