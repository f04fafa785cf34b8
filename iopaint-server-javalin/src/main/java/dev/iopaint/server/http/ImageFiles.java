package dev.iopaint.server.http;

import dev.iopaint.core.image.ImageFormat;
import io.javalin.http.Context;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

/** Sends image files from disk with the content type their bytes show (not the one their name suggests). */
final class ImageFiles {
    private static final int SNIFF_BYTES = 32;

    private ImageFiles() {
    }

    /** An image's width and height in pixels. */
    record Size(int width, int height) {
    }

    /**
     * Width and height from the file's header alone, as Pillow's {@code Image.open} reports them (before any EXIF
     * rotation); reads PNG and JPEG.
     */
    static Size headerSize(Path file) throws IOException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
            if (readers == null || !readers.hasNext()) {
                throw new IOException("not a PNG or JPEG file");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return new Size(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        }
    }

    /** {@code image/png}, {@code image/jpeg}, ... by the file's magic bytes; octet-stream when unrecognised. */
    static String contentType(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(SNIFF_BYTES);
            return ImageFormat.detect(head).map(ImageFormat::mimeType).orElse("application/octet-stream");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + file.getFileName(), e);
        }
    }

    /** Streams {@code file} as the answer. */
    static void send(Context ctx, Path file) throws IOException {
        ctx.contentType(contentType(file));
        ctx.result(Files.newInputStream(file));
    }

    /** A {@code Content-Disposition} value naming the file, readable by browsers for any name (RFC 6266). */
    static String inlineDisposition(String name) {
        StringBuilder ascii = new StringBuilder();
        for (char c : name.toCharArray()) {
            ascii.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '_');
        }
        String value = "inline; filename=\"" + ascii + "\"";
        if (!ascii.toString().equals(name)) {
            value += "; filename*=UTF-8''" + percentEncode(name);
        }
        return value;
    }

    private static String percentEncode(String name) {
        StringBuilder out = new StringBuilder();
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            boolean alphanumeric = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
            if (alphanumeric || "!#$&+-.^_`|~".indexOf(c) >= 0) {
                out.append((char) c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }
}
