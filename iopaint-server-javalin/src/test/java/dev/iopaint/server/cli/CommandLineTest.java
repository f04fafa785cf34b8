package dev.iopaint.server.cli;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.image.DecodedImage;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.image.ImageMetadata;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CommandLineTest {
    private static final Path PHOTOS = Path.of("../testdata/photos");
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @TempDir
    Path work;
    Path modelDir;

    @BeforeEach
    void emptyModelFolder() throws IOException {
        modelDir = Files.createDirectories(work.resolve("models"));
    }

    private int iopaint(String... args) {
        return IopaintCommand.execute(Map.of(), new PrintWriter(out, true), new PrintWriter(err, true), args);
    }

    @Test
    void lists_cv2_in_an_empty_model_folder() {
        int exit = iopaint("list", "--model-dir", modelDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines()).contains("cv2");
    }

    @Test
    void lists_the_stable_diffusion_models_of_an_iopaint_cache() throws IOException {
        Path snapshot = Files.createDirectories(modelDir.resolve(
                "huggingface/hub/models--Sanster--anything-4.0-inpainting/snapshots/0123abc"));
        Files.writeString(snapshot.resolve("model_index.json"), "{\"_class_name\": \"StableDiffusionInpaintPipeline\"}");
        Files.createDirectories(modelDir.resolve("stable_diffusion"));
        Files.write(modelDir.resolve("stable_diffusion/sd-v1-5-inpainting.safetensors"), new byte[16]);

        int exit = iopaint("list", "--model-dir", modelDir.toString());

        assertThat(exit).isZero();
        assertThat(out.toString().lines())
                .containsExactly("cv2", "Sanster/anything-4.0-inpainting", "sd-v1-5-inpainting.safetensors", "openai-compat");
    }

    @Test
    void inpaints_a_folder_of_photos_matching_masks_by_stem_and_skipping_images_without_one() throws IOException {
        Path images = Files.createDirectories(work.resolve("images"));
        Path masks = Files.createDirectories(work.resolve("masks"));
        Path results = work.resolve("results");
        for (String photo : new String[] {"building.jpg", "home.jpg", "fruits.jpg"}) {
            Files.copy(PHOTOS.resolve(photo), images.resolve(photo));
        }
        writeMask(masks.resolve("building.png"), 868, 600);
        writeMask(masks.resolve("home.png"), 256, 192); // half size: resized to the image like IOPaint does

        int exit = iopaint("run", "--model", "cv2", "--image", images.toString(), "--mask", masks.toString(),
                "--output", results.toString(), "--model-dir", modelDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(results.resolve("building.png")).exists();
        assertThat(results.resolve("home.png")).exists();
        assertThat(results.resolve("fruits.png")).doesNotExist();
        assertThat(out.toString()).contains("fruits.jpg skipped").contains("Inpainted 2 of 3 images");
        assertOnlyTheSquareChanged(images.resolve("home.jpg"), results.resolve("home.png"));
    }

    @Test
    void uses_one_mask_file_for_every_image_and_writes_image_mask_and_result_side_by_side() throws IOException {
        Path mask = work.resolve("mask.png");
        writeMask(mask, 512, 384);
        Path results = work.resolve("results");

        int exit = iopaint("run", "--model", "cv2", "--image", PHOTOS.resolve("home.jpg").toString(),
                "--mask", mask.toString(), "--output", results.toString(), "--concat",
                "--model-dir", modelDir.toString());

        assertThat(exit).as(err.toString()).isZero();
        RgbImage written = codec.decode(Files.readAllBytes(results.resolve("home.png"))).rgb();
        assertThat(written.width()).isEqualTo(3 * 512);
        assertThat(written.rgb(512 + 300, 200)).containsExactly(255, 255, 255);
    }

    @Test
    void reads_inpaint_settings_from_a_json_config() throws IOException {
        Path config = Files.writeString(work.resolve("config.json"), "{\"cv2_radius\": 0}");
        Path mask = work.resolve("mask.png");
        writeMask(mask, 512, 384);

        int exit = iopaint("run", "--model", "cv2", "--image", PHOTOS.resolve("home.jpg").toString(),
                "--mask", mask.toString(), "--output", work.resolve("results").toString(),
                "--config", config.toString(), "--model-dir", modelDir.toString());

        assertThat(exit).as(err.toString()).isZero();
    }

    @Test
    void an_unknown_model_is_one_clear_line_that_lists_the_models_and_a_failure_exit_code() {
        int exit = iopaint("run", "--model", "no-such-model", "--image", PHOTOS.resolve("home.jpg").toString(),
                "--mask", PHOTOS.resolve("home.jpg").toString(), "--output", work.resolve("out").toString(),
                "--model-dir", modelDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("error: Unknown model 'no-such-model'").contains("cv2")
                .doesNotContain("\tat ");
    }

    @Test
    void a_broken_image_fails_alone_and_the_others_are_still_inpainted() throws IOException {
        Path images = Files.createDirectories(work.resolve("images"));
        Files.copy(PHOTOS.resolve("home.jpg"), images.resolve("home.jpg"));
        byte[] photo = Files.readAllBytes(PHOTOS.resolve("fruits.jpg"));
        Files.write(images.resolve("broken.jpg"), java.util.Arrays.copyOf(photo, 300));
        Path mask = work.resolve("mask.png");
        writeMask(mask, 512, 384);
        Path results = work.resolve("results");

        int exit = iopaint("run", "--model", "cv2", "--image", images.toString(), "--mask", mask.toString(),
                "--output", results.toString(), "--model-dir", modelDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(results.resolve("home.png")).exists();
        try (var left = Files.list(results)) {
            assertThat(left.map(p -> p.getFileName().toString())).containsExactly("home.png");
        }
        assertThat(out.toString()).contains("broken.jpg failed");
    }

    @Test
    void an_output_path_that_is_a_file_is_refused() throws IOException {
        Path file = Files.writeString(work.resolve("taken"), "x");

        int exit = iopaint("run", "--model", "cv2", "--image", PHOTOS.resolve("home.jpg").toString(),
                "--mask", PHOTOS.resolve("home.jpg").toString(), "--output", file.toString(),
                "--model-dir", modelDir.toString());

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString()).contains("is a file");
        assertThat(Files.readString(file)).isEqualTo("x");
    }

    @Test
    void the_help_names_the_launchers_spark_run() {
        int exit = iopaint("--help");

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("spark-run  Inpaint a folder", "--images URI --masks URI --output URI");
    }

    @Test
    void a_missing_required_option_prints_usage_and_exits_with_2() {
        int exit = iopaint("run", "--model", "cv2");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("--image");
    }

    /** A mask with a white square at 3/8..5/8 of each side. */
    private void writeMask(Path file, int width, int height) throws IOException {
        byte[] pixels = new byte[width * height * 3];
        for (int y = height * 3 / 8; y < height * 5 / 8; y++) {
            for (int x = width * 3 / 8; x < width * 5 / 8; x++) {
                int at = (y * width + x) * 3;
                pixels[at] = pixels[at + 1] = pixels[at + 2] = (byte) 255;
            }
        }
        Files.write(file, codec.encode(new RgbImage(width, height, pixels), null, ImageFormat.PNG, 100,
                ImageMetadata.NONE));
    }

    private void assertOnlyTheSquareChanged(Path input, Path output) throws IOException {
        RgbImage before = codec.decode(Files.readAllBytes(input)).rgb();
        DecodedImage after = codec.decode(Files.readAllBytes(output));
        assertThat(after.format()).isEqualTo(ImageFormat.PNG);
        Mask square = codec.decodeMask(Files.readAllBytes(work.resolve("masks/home.png")));
        int changedInside = 0;
        for (int y = 0; y < before.height(); y++) {
            for (int x = 0; x < before.width(); x++) {
                boolean masked = square.value(x / 2, y / 2) != 0;
                if (!masked) {
                    assertThat(after.rgb().rgb(x, y)).as("pixel %d,%d", x, y).isEqualTo(before.rgb(x, y));
                } else if (!java.util.Arrays.equals(after.rgb().rgb(x, y), before.rgb(x, y))) {
                    changedInside++;
                }
            }
        }
        assertThat(changedInside).isGreaterThan(0);
    }
}
