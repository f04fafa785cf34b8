package dev.iopaint.spark;

import dev.iopaint.api.Device;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.batch.BatchJob;
import dev.iopaint.core.batch.BatchListener;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InpaintJobTest {
    private static final int PHOTOS = 20;
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir
    static Path shared;
    static SparkSession spark;
    static Path photos;
    static Path masks;
    static Path models;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSparkAndMakePhotos() throws IOException {
        spark = SparkSession.builder().master("local[2]").appName("InpaintJobTest")
                .config("spark.ui.enabled", "false")
                .config("spark.driver.host", "localhost")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.sql.shuffle.partitions", "2")
                .getOrCreate();
        photos = Files.createDirectories(shared.resolve("photos"));
        masks = Files.createDirectories(shared.resolve("masks"));
        models = Files.createDirectories(shared.resolve("models"));
        Random random = new Random(8);
        for (int i = 0; i < PHOTOS; i++) {
            int width = 64 + random.nextInt(65);
            int height = 64 + random.nextInt(65);
            boolean jpeg = i % 2 == 0;
            Files.write(photos.resolve("photo" + i + (jpeg ? ".jpg" : ".png")),
                    CODEC.encode(photo(width, height, random), null, jpeg ? ImageFormat.JPEG : ImageFormat.PNG, 90, null));
            // Every third mask is half the image's size, so it is resized as iopaint run resizes it.
            int scale = i % 3 == 0 ? 2 : 1;
            Files.write(masks.resolve("photo" + i + ".png"), mask(width / scale, height / scale, random));
        }
        // Not an image iopaint run takes, and a subfolder it does not enter.
        Files.writeString(photos.resolve("notes.txt"), "not an image");
        Files.createDirectories(photos.resolve("nested"));
        Files.copy(photos.resolve("photo1.png"), photos.resolve("nested/inner.png"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static RgbImage photo(int width, int height, Random random) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int at = (y * width + x) * 3;
                pixels[at] = (byte) (x * 255 / width);
                pixels[at + 1] = (byte) (y * 255 / height);
                pixels[at + 2] = (byte) random.nextInt(256);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** A white rectangle, 127..255 grey at its border to exercise the batch threshold. */
    private static byte[] mask(int width, int height, Random random) {
        byte[] pixels = new byte[width * height * 3];
        int left = random.nextInt(width / 2);
        int top = random.nextInt(height / 2);
        for (int y = top; y < top + height / 4; y++) {
            for (int x = left; x < left + width / 4; x++) {
                byte value = (byte) (x == left ? 126 + random.nextInt(3) : 255);
                int at = (y * width + x) * 3;
                pixels[at] = pixels[at + 1] = pixels[at + 2] = value;
            }
        }
        return CODEC.encode(new RgbImage(width, height, pixels), null, ImageFormat.PNG, 100, null);
    }

    private static JobSettings settings(Path images, Path maskPath, Path output, boolean failFast, boolean force) {
        return new JobSettings(images.toUri().toString(), maskPath.toUri().toString(), output.toUri().toString(), "cv2",
                models.toString(), null, Device.CPU, failFast, force);
    }

    /** What {@code iopaint run} writes for the same inputs. */
    private static Path runLocally(Path images, Path maskPath, Path output) {
        try (Iopaint iopaint = Iopaint.builder().modelDir(models).model("cv2").offline(true).build()) {
            new BatchInpainter(iopaint, CODEC).run(new BatchJob(images, maskPath, output, InpaintRequest.defaults(),
                    false), BatchListener.NONE);
        }
        return output;
    }

    private static List<String> pngs(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> !name.startsWith("_")).sorted()
                    .toList();
        }
    }

    private static void assertSameFiles(Path actual, Path expected) throws IOException {
        assertThat(pngs(actual)).isEqualTo(pngs(expected));
        for (String name : pngs(expected)) {
            assertThat(Files.readAllBytes(actual.resolve(name))).as(name)
                    .isEqualTo(Files.readAllBytes(expected.resolve(name)));
        }
    }

    @Test
    void writes_the_bytes_iopaint_run_writes_and_skips_them_on_a_second_run() throws IOException {
        Path expected = runLocally(photos, masks, dir.resolve("run"));
        Path output = dir.resolve("spark");

        JobSummary first = InpaintJob.run(spark, settings(photos, masks, output, false, false));
        assertThat(first.inpainted()).isEqualTo(PHOTOS);
        assertThat(first.failed() + first.skippedNoMask() + first.skippedExists()).isZero();
        assertThat(pngs(expected)).hasSize(PHOTOS);
        assertSameFiles(output, expected);

        JobSummary second = InpaintJob.run(spark, settings(photos, masks, output, false, false));
        assertThat(second.skippedExists()).isEqualTo(PHOTOS);
        assertThat(second.inpainted()).isZero();
        assertSameFiles(output, expected);

        JobSummary forced = InpaintJob.run(spark, settings(photos, masks, output, false, true));
        assertThat(forced.inpainted()).isEqualTo(PHOTOS);
        assertSameFiles(output, expected);
    }

    @Test
    void one_mask_file_serves_every_image() throws IOException {
        Path mask = masks.resolve("photo1.png");
        Path expected = runLocally(photos, mask, dir.resolve("run"));

        JobSummary summary = InpaintJob.run(spark, settings(photos, mask, dir.resolve("spark"), false, false));

        assertThat(summary.inpainted()).isEqualTo(PHOTOS);
        assertSameFiles(dir.resolve("spark"), expected);
    }

    @Test
    void an_image_without_a_mask_is_skipped_as_iopaint_run_skips_it() throws IOException {
        Path someMasks = Files.createDirectories(dir.resolve("masks"));
        for (int i = 1; i < 4; i++) {
            Files.copy(masks.resolve("photo" + i + ".png"), someMasks.resolve("photo" + i + ".png"));
        }
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : List.of("photo0.jpg", "photo1.png", "photo2.jpg", "photo3.png")) {
            Files.copy(photos.resolve(name), images.resolve(name));
        }

        JobSummary summary = InpaintJob.run(spark, settings(images, someMasks, dir.resolve("spark"), false, false));

        assertThat(summary.inpainted()).isEqualTo(3);
        assertThat(summary.skippedNoMask()).isEqualTo(1);
        assertThat(pngs(dir.resolve("spark"))).containsExactly("photo1.png", "photo2.png", "photo3.png");
        Row skipped = statusOf(summary, "photo0.jpg");
        assertThat(skipped.getString(1)).isEqualTo(ImageStatus.NO_MASK);
        assertThat(skipped.getString(2)).startsWith("no mask named photo0.* in ");
    }

    @Test
    void a_corrupt_image_is_recorded_as_failed_and_the_others_succeed() throws IOException {
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : List.of("photo1.png", "photo2.jpg", "photo3.png")) {
            Files.copy(photos.resolve(name), images.resolve(name));
        }
        Files.write(images.resolve("broken.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 1, 2, 3});
        Path mask = masks.resolve("photo1.png");

        JobSummary summary = InpaintJob.run(spark, settings(images, mask, dir.resolve("spark"), false, false));

        assertThat(summary.inpainted()).isEqualTo(3);
        assertThat(summary.failed()).isEqualTo(1);
        assertThat(statusOf(summary, "broken.jpg").getString(1)).isEqualTo(ImageStatus.FAILED);
        assertThat(statusOf(summary, "broken.jpg").getString(2)).isNotBlank();
        assertThat(statusOf(summary, "photo2.jpg").getString(1)).isEqualTo(ImageStatus.OK);

        assertThatThrownBy(() -> InpaintJob.run(spark, settings(images, mask, dir.resolve("strict"), true, false)))
                .isInstanceOf(IopaintException.class)
                .hasMessageContaining("broken.jpg failed and --fail-fast is set");
    }

    @Test
    void loads_the_model_once_per_executor_jvm() throws IOException {
        Path ownModels = Files.createDirectories(dir.resolve("own-models"));
        JobSettings base = settings(photos, masks, dir.resolve("spark"), false, true);
        JobSettings own = new JobSettings(base.images(), base.masks(), base.output(), "cv2", ownModels.toString(),
                null, Device.CPU, false, true);
        int before = ModelHolder.loads();

        InpaintJob.run(spark, own);
        InpaintJob.run(spark, own);

        // Two jobs, two task threads, 40 images: one load.
        assertThat(ModelHolder.loads() - before).isEqualTo(1);
    }

    @Test
    void a_model_folder_missing_on_an_executor_names_the_host_and_the_folder() {
        JobSettings base = settings(photos, masks, dir.resolve("spark"), false, false);
        String missing = dir.resolve("no-models").toString();
        JobSettings broken = new JobSettings(base.images(), base.masks(), base.output(), "cv2", missing, null,
                Device.CPU, false, false);

        assertThatThrownBy(() -> InpaintJob.run(spark, broken))
                .isInstanceOf(IopaintException.class)
                .hasMessageContaining("The model folder " + missing + " is missing on executor host " + ModelHolder.host());
    }

    @Test
    void reads_the_command_line_as_iopaint_run_does() {
        JobSettings settings = JobArguments.parse("--images", "hdfs:///in", "--masks", "hdfs:///m", "--output",
                "hdfs:///out", "--model", "cv2", "--device", "CPU", "--force");

        assertThat(settings).isEqualTo(new JobSettings("hdfs:///in", "hdfs:///m", "hdfs:///out", "cv2", null, null,
                Device.CPU, false, true));
        assertThatThrownBy(() -> JobArguments.parse("--images", "x", "--masks", "y"))
                .hasMessageStartingWith("--output is missing");
    }

    private static Row statusOf(JobSummary summary, String imageName) {
        return spark.read().schema(ImageStatus.SCHEMA).json(summary.statusTable()).collectAsList().stream()
                .filter(row -> row.getString(0).endsWith("/" + imageName)).findFirst().orElseThrow();
    }
}
