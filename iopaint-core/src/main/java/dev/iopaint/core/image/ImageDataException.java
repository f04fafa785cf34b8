package dev.iopaint.core.image;

/**
 * Raised inside the codec when the bytes are not a well-formed image; {@link ImageCodec} turns it into the API's
 * {@code UnsupportedInputException}, so it never reaches callers. The message is the short reason only.
 */
final class ImageDataException extends RuntimeException {
    ImageDataException(String reason) {
        super(reason, null, false, false);
    }
}
