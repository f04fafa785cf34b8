package dev.iopaint.server.http;

import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import dev.iopaint.core.image.Mats;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The file manager's thumbnails, as IOPaint makes them: the aspect ratio is kept from the requested width (or from
 * the height when the width is 0; 256 wide when both are 0), the result is a JPEG of quality 90, and it is cached
 * in {@code <output>/thumbnails/} under the MD5 of the same key IOPaint uses. A cached thumbnail is served without
 * decoding its source again.
 *
 * <p>Unlike IOPaint, a photo with an EXIF rotation gets an upright thumbnail (its width and height swapped).
 */
final class Thumbnails {
    static final int DEFAULT_WIDTH = 256;
    static final int QUALITY = 90;

    private final Path cacheDir;
    private final ImageCodec codec;

    Thumbnails(Path cacheDir, ImageCodec codec) {
        this.cacheDir = cacheDir;
        this.codec = codec;
    }

    /** A cached thumbnail file and its size. */
    record Thumbnail(Path file, int width, int height) {
    }

    /** The thumbnail of {@code source} (an image in {@code folder}), made and cached on first use. */
    Thumbnail of(Path folder, Path source, int requestedWidth, int requestedHeight) throws IOException {
        ImageFiles.Size original = ImageFiles.headerSize(source);
        int width = requestedWidth;
        int height = requestedHeight;
        if (width == 0 && height == 0) {
            width = DEFAULT_WIDTH;
        }
        if (width != 0) {
            height = Math.max(1, (int) ((long) original.height() * width / (double) original.width()));
        } else {
            width = Math.max(1, (int) ((long) original.width() * height / (double) original.height()));
        }
        if ((long) width * height > codec.maxPixels()) {
            throw new InputTooLargeException("A " + width + "x" + height + " thumbnail is more than the limit of "
                    + codec.maxPixels() + " pixels; ask for a smaller one");
        }
        Path file = cacheDir.resolve(cacheName(folder, source.getFileName().toString(), width, height));
        if (!Files.isRegularFile(file)) {
            DecodedImage image = codec.decode(Files.readAllBytes(source));
            boolean turned = image.width() == original.height() && image.height() == original.width()
                    && original.width() != original.height();
            write(file, resize(image.rgb(), turned ? height : width, turned ? width : height));
        }
        ImageFiles.Size made = ImageFiles.headerSize(file);
        return new Thumbnail(file, made.width(), made.height());
    }

    /** IOPaint's cache name: md5 of folder, file name, {@code WxH}, crop mode, background and quality. */
    static String cacheName(Path folder, String filename, int width, int height) {
        String key = folder.toAbsolutePath() + filename + width + "x" + height + "fit" + "None" + QUALITY;
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest) + ".jpg";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    private static RgbImage resize(RgbImage image, int width, int height) {
        Mat source = Mats.of(image);
        Mat resized = new Mat();
        try {
            boolean shrinking = width <= image.width() && height <= image.height();
            Imgproc.resize(source, resized, new Size(width, height), 0, 0,
                    shrinking ? Imgproc.INTER_AREA : Imgproc.INTER_LANCZOS4);
            return Mats.toImage(resized);
        } finally {
            source.release();
            resized.release();
        }
    }

    /** Writes atomically, so concurrent requests for one thumbnail never see half a file. */
    private void write(Path file, RgbImage thumbnail) throws IOException {
        byte[] jpeg = codec.encode(thumbnail, null, ImageFormat.JPEG, QUALITY, ImageMetadata.NONE);
        Files.createDirectories(cacheDir);
        Path temp = Files.createTempFile(cacheDir, ".thumbnail-", ".tmp");
        try {
            Files.write(temp, jpeg);
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
