package dev.iopaint.server.http;

import dev.iopaint.api.UnsupportedInputException;

import java.util.Base64;

/**
 * Decodes the base64 images of JSON requests as IOPaint does: an optional {@code data:...;base64,} prefix (what
 * browsers' {@code FileReader.readAsDataURL} produce) is dropped, and characters outside the base64 alphabet, such
 * as line breaks, are skipped.
 */
final class Base64Images {
    private static final Base64.Decoder DECODER = Base64.getMimeDecoder();

    private Base64Images() {
    }

    /** The file bytes {@code value} encodes; {@code field} names it in the error. */
    static byte[] decode(String value, String field) {
        String payload = value.startsWith("data:") ? value.substring(value.indexOf(',') + 1) : value;
        try {
            byte[] bytes = DECODER.decode(payload);
            if (bytes.length == 0) {
                throw new UnsupportedInputException("Field '" + field + "' is empty; send the image file as base64");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new UnsupportedInputException("Field '" + field + "' is not valid base64 (" + e.getMessage()
                    + "); send the image file as base64, optionally as a data: URL");
        }
    }
}
