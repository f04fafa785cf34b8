package dev.iopaint.core.image;

import java.util.Optional;

/**
 * The image formats the codec reads and writes. IOPaint answers an inpaint request in the format of the input
 * image, found with Python's {@code imghdr}, and falls back to JPEG when the format is not recognised
 * ({@link #detectOrJpeg}).
 */
public enum ImageFormat {
    PNG("png", "image/png", true),
    JPEG("jpg", "image/jpeg", false),
    WEBP("webp", "image/webp", true),
    BMP("bmp", "image/bmp", false);

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    private static final byte[] JPEG_SOI = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] RIFF = Bytes.ascii("RIFF");
    private static final byte[] WEBP_TAG = Bytes.ascii("WEBP");
    private static final byte[] BMP_TAG = Bytes.ascii("BM");

    private final String extension;
    private final String mimeType;
    private final boolean supportsAlpha;

    ImageFormat(String extension, String mimeType, boolean supportsAlpha) {
        this.extension = extension;
        this.mimeType = mimeType;
        this.supportsAlpha = supportsAlpha;
    }

    /** The usual file extension, without the dot. */
    public String extension() {
        return extension;
    }

    public String mimeType() {
        return mimeType;
    }

    /** Whether an encoded file of this format keeps an alpha channel (JPEG and BMP output drop it). */
    public boolean supportsAlpha() {
        return supportsAlpha;
    }

    /** The format named by the file's leading magic bytes, if it is one of ours. */
    public static Optional<ImageFormat> detect(byte[] bytes) {
        if (bytes == null) {
            return Optional.empty();
        }
        if (Bytes.matches(bytes, 0, PNG_SIGNATURE)) {
            return Optional.of(PNG);
        }
        if (Bytes.matches(bytes, 0, JPEG_SOI)) {
            return Optional.of(JPEG);
        }
        if (Bytes.matches(bytes, 0, RIFF) && Bytes.matches(bytes, 8, WEBP_TAG)) {
            return Optional.of(WEBP);
        }
        if (Bytes.matches(bytes, 0, BMP_TAG) && bytes.length >= 18) {
            return Optional.of(BMP);
        }
        return Optional.empty();
    }

    /** The format to answer in: the input's, or JPEG when it is not recognised, as IOPaint does. */
    public static ImageFormat detectOrJpeg(byte[] bytes) {
        return detect(bytes).orElse(JPEG);
    }
}
