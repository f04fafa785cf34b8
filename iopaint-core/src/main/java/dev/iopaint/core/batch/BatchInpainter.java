package dev.iopaint.core.batch;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.Mats;
import org.opencv.core.Mat;
import org.opencv.core.Size;
import org.opencv.imgproc.Imgproc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * IOPaint's batch processing ({@code iopaint run}): every image gets the mask of the same stem (resized with
 * nearest neighbour when its size differs, kept where it is 127 or more) and is written as {@code <stem>.png}
 * with its metadata and alpha. A result file appears only once complete; an image that cannot be read is reported
 * and the batch goes on.
 */
public final class BatchInpainter {
    private static final Logger log = LoggerFactory.getLogger(BatchInpainter.class);
    /** IOPaint's batch keeps mask values of 127 and above, one more than its HTTP API's threshold. */
    private static final int BATCH_MASK_THRESHOLD = 126;
    private static final int PNG_QUALITY = 100;

    private final Iopaint iopaint;
    private final ImageCodec codec;

    public BatchInpainter(Iopaint iopaint, ImageCodec codec) {
        this.iopaint = iopaint;
        this.codec = codec;
    }

    public BatchSummary run(BatchJob job, BatchListener listener) {
        long start = System.nanoTime();
        Map<String, Path> images = imagesIn(job.images(), "--image");
        Map<String, Path> masks = imagesIn(job.masks(), "--mask");
        Path singleMask = Files.isDirectory(job.masks()) ? null : masks.values().iterator().next();
        prepareOutput(job.output());

        listener.started(images.size());
        int inpainted = 0;
        int skipped = 0;
        int failed = 0;
        for (Map.Entry<String, Path> entry : images.entrySet()) {
            Path image = entry.getValue();
            Path mask = masks.getOrDefault(entry.getKey(), singleMask);
            if (mask == null) {
                skipped++;
                listener.skipped(image, "no mask named " + entry.getKey() + ".* in " + job.masks());
                continue;
            }
            Path result = job.output().resolve(resultName(image.getFileName().toString()));
            try {
                write(result, inpaint(read(image), read(mask), job.request(), job.concat()));
                inpainted++;
                listener.inpainted(image, result);
            } catch (UnsupportedInputException e) {
                failed++;
                listener.failed(image, e.getMessage());
            }
        }
        return new BatchSummary(inpainted, skipped, failed, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * One image as {@code iopaint run} writes it: the bytes of its {@code <stem>.png}. The mask is resized to the
     * image with nearest neighbour when their sizes differ and kept where it is 127 or more; the image's alpha,
     * EXIF and ICC profile are kept. Other batch runners (the Spark job) call this so their files are the same.
     *
     * @param concat image, mask and result side by side instead of the result alone
     * @throws UnsupportedInputException when the image or the mask is not a readable image
     */
    public byte[] inpaint(byte[] imageBytes, byte[] maskBytes, InpaintRequest request, boolean concat) {
        DecodedImage image = codec.decode(imageBytes);
        Mask mask = fitTo(codec.decodeMask(maskBytes), image.rgb()).binarized(BATCH_MASK_THRESHOLD);
        RgbImage result = iopaint.inpaint(image.rgb(), mask, request);
        if (concat) {
            return codec.encode(sideBySide(image.rgb(), mask, result), null, ImageFormat.PNG, PNG_QUALITY,
                    image.metadata());
        }
        return codec.encode(result, image.alpha(), ImageFormat.PNG, PNG_QUALITY, image.metadata());
    }

    /** Whether {@code iopaint run} takes a file of this name from a folder: .png, .jpg or .jpeg, any case. */
    public static boolean isImageName(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).matches(".*\\.(png|jpe?g)");
    }

    /** A file name without its last extension; images and masks are matched by it, results are named after it. */
    public static String stem(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** The name {@code iopaint run} gives the result of an image file: {@code <stem>.png}. */
    public static String resultName(String imageFileName) {
        return stem(imageFileName) + ".png";
    }

    private static Mask fitTo(Mask mask, RgbImage image) {
        if (image.sameSizeAs(mask)) {
            return mask;
        }
        log.info("Resizing a {}x{} mask to the image's {}x{}", mask.width(), mask.height(), image.width(),
                image.height());
        Mat source = Mats.of(mask);
        Mat resized = new Mat();
        try {
            Imgproc.resize(source, resized, new Size(image.width(), image.height()), 0, 0, Imgproc.INTER_NEAREST);
            return Mats.toMask(resized);
        } finally {
            source.release();
            resized.release();
        }
    }

    /** IOPaint's {@code hconcat([image, mask as RGB, result])}. */
    private static RgbImage sideBySide(RgbImage image, Mask mask, RgbImage result) {
        int width = image.width();
        int height = image.height();
        byte[] out = new byte[width * 3 * height * 3];
        for (int y = 0; y < height; y++) {
            int row = y * width * 9;
            System.arraycopy(image.pixels(), y * width * 3, out, row, width * 3);
            for (int x = 0; x < width; x++) {
                byte value = mask.values()[y * width + x];
                int at = row + width * 3 + x * 3;
                out[at] = value;
                out[at + 1] = value;
                out[at + 2] = value;
            }
            System.arraycopy(result.pixels(), y * width * 3, out, row + width * 6, width * 3);
        }
        return new RgbImage(width * 3, height, out);
    }

    /** {@code <stem> -> file} for a file, or for the .png/.jpg/.jpeg files of a folder (not its subfolders). */
    private static Map<String, Path> imagesIn(Path path, String option) {
        Map<String, Path> byStem = new TreeMap<>();
        if (Files.isRegularFile(path)) {
            byStem.put(stem(path), path);
            return byStem;
        }
        if (!Files.isDirectory(path)) {
            throw new UnsupportedInputException(option + " " + path + " does not exist; give an image file or a folder");
        }
        try (Stream<Path> files = Files.list(path)) {
            files.filter(Files::isRegularFile)
                    .filter(file -> isImageName(file.getFileName().toString()))
                    .forEach(file -> byStem.put(stem(file), file));
        } catch (IOException e) {
            throw new UnsupportedInputException(option + " " + path + " cannot be read: " + e.getMessage());
        }
        if (byStem.isEmpty()) {
            throw new UnsupportedInputException(option + " " + path + " has no .png, .jpg or .jpeg files");
        }
        return byStem;
    }

    private static String stem(Path file) {
        return stem(file.getFileName().toString());
    }

    private static void prepareOutput(Path output) {
        if (Files.isRegularFile(output)) {
            throw new UnsupportedInputException("--output " + output + " is a file; give a folder for the results");
        }
        try {
            Files.createDirectories(output);
        } catch (IOException e) {
            throw new IopaintException("The output folder " + output + " cannot be created (" + e
                    + "); choose a folder you can write to");
        }
        if (!Files.isWritable(output)) {
            throw new IopaintException("The output folder " + output + " is not writable; choose a folder you can write to");
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UnsupportedInputException(file + " cannot be read: " + e.getMessage());
        }
    }

    /** Writes next to the target and renames, so a full disk never leaves a truncated result behind. */
    private static void write(Path target, byte[] bytes) {
        Path temporary = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.write(temporary, bytes);
            try {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // The write failed already; that is the error to report.
            }
            throw new IopaintException("Could not write " + target + " (" + e.getMessage()
                    + "); check the disk has space and the folder is writable");
        }
    }
}
