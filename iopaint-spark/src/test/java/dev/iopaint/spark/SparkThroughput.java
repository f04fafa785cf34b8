package dev.iopaint.spark;

import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.batch.BatchJob;
import dev.iopaint.core.batch.BatchListener;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/**
 * Indicative images per second of {@code iopaint run} (one process) and of {@link InpaintJob} with local[1] and
 * local[2] on the same folder: {@code SparkThroughput <work folder> [images] [size] [model] [model-dir]}.
 * Each side runs twice and the second run counts, so JIT warm-up and the one model load are outside the figure.
 */
public final class SparkThroughput {
    private SparkThroughput() {
    }

    public static void main(String[] args) throws IOException {
        Path work = Path.of(args[0]);
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 40;
        int size = args.length > 2 ? Integer.parseInt(args[2]) : 512;
        String model = args.length > 3 ? args[3] : "cv2";
        Path models = Files.createDirectories(args.length > 4 ? Path.of(args[4]) : work.resolve("models"));
        Path images = Files.createDirectories(work.resolve("images"));
        Path mask = work.resolve("mask.png");
        writeInputs(images, mask, count, size);

        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        double run;
        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model(model).offline(true).build()) {
            BatchInpainter batch = new BatchInpainter(iopaint, codec);
            batch.run(new BatchJob(images, mask, work.resolve("run-warm"), InpaintRequest.defaults(), false),
                    BatchListener.NONE);
            long start = System.nanoTime();
            batch.run(new BatchJob(images, mask, work.resolve("run"), InpaintRequest.defaults(), false),
                    BatchListener.NONE);
            run = count / ((System.nanoTime() - start) / 1e9);
        }
        report("iopaint run", run, run, count);
        for (String master : new String[] {"local[1]", "local[2]"}) {
            SparkSession spark = SparkSession.builder().master(master).appName("SparkThroughput")
                    .config("spark.ui.enabled", "false").getOrCreate();
            try {
                JobSettings warm = new JobSettings(images.toUri().toString(), mask.toUri().toString(),
                        work.resolve("warm-" + master).toUri().toString(), model, models.toString(), null, Device.CPU,
                        true, true);
                InpaintJob.run(spark, warm);
                JobSettings timed = new JobSettings(warm.images(), warm.masks(),
                        work.resolve("spark-" + master).toUri().toString(), model, models.toString(), null,
                        Device.CPU, true, true);
                long start = System.nanoTime();
                InpaintJob.run(spark, timed);
                report("InpaintJob " + master, count / ((System.nanoTime() - start) / 1e9), run, count);
            } finally {
                spark.stop();
            }
        }
    }

    private static void report(String what, double perSecond, double run, int count) {
        System.out.printf(Locale.ROOT, "%-22s %7.1f images/s  (%+.1f ms per image against iopaint run)%n", what,
                perSecond, 1000 / perSecond - 1000 / run);
    }

    private static void writeInputs(Path images, Path mask, int count, int size) throws IOException {
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        Random random = new Random(6);
        for (int i = 0; i < count; i++) {
            byte[] pixels = new byte[size * size * 3];
            for (int p = 0; p < pixels.length; p++) {
                pixels[p] = (byte) ((p / 3 % size) + random.nextInt(32));
            }
            Files.write(images.resolve("photo" + i + ".jpg"),
                    codec.encode(new RgbImage(size, size, pixels), null, ImageFormat.JPEG, 90, null));
        }
        byte[] maskPixels = new byte[size * size * 3];
        for (int y = size / 4; y < size / 2; y++) {
            for (int x = size / 4; x < size / 2; x++) {
                int at = (y * size + x) * 3;
                maskPixels[at] = maskPixels[at + 1] = maskPixels[at + 2] = (byte) 255;
            }
        }
        Files.write(mask, codec.encode(new RgbImage(size, size, maskPixels), null, ImageFormat.PNG, 100, null));
    }
}
