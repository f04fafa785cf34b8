package dev.iopaint.models.erase.lama;

import dev.iopaint.api.HdStrategy;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.batch.BatchInpainter;
import dev.iopaint.core.batch.BatchJob;
import dev.iopaint.core.batch.BatchListener;
import dev.iopaint.core.batch.BatchSummary;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code lama} selected by name and run through IOPaint's pipeline, with a module that paints its holes grey. */
class LamaPipelineTest {
    private static final int WIDTH = 1000, HEIGHT = 850;
    /** Far enough inside a hole that the Resize path's cubic edges do not reach. */
    private static final int INSET = 8;

    @TempDir
    Path modelDir;

    private final RgbImage image = LamaFixtures.pattern(WIDTH, HEIGHT);
    private final Mask mask = union(LamaFixtures.rectangle(WIDTH, HEIGHT, 100, 100, 220, 180, 255),
            LamaFixtures.rectangle(WIDTH, HEIGHT, 600, 500, 700, 640, 255));

    @BeforeEach
    void writeWeights() throws Exception {
        LamaFixtures.writeBigLama(modelDir, LamaFixtures.FILL_HALF_GREY);
    }

    @ParameterizedTest
    @EnumSource(HdStrategy.class)
    void keeps_unmasked_pixels_and_paints_the_holes_with_the_module_output(HdStrategy strategy) {
        // A resize limit below the image's size, so Resize really shrinks it; Crop triggers above 800 px.
        InpaintRequest request = InpaintRequest.builder().hdStrategy(strategy).hdStrategyResizeLimit(640).build();

        try (Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model("lama").offline(true).build()) {
            RgbImage result = iopaint.inpaint(image, mask, request);

            assertHolesGreyAndRestUnchanged(result, strategy == HdStrategy.RESIZE ? 2 : 0);
        }
    }

    @Test
    void iopaint_run_inpaints_a_folder_of_images_with_lama() throws Exception {
        ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
        Path images = Files.createDirectories(modelDir.resolve("images"));
        Path masks = Files.createDirectories(modelDir.resolve("masks"));
        Files.write(images.resolve("photo.png"), codec.encode(image, null, ImageFormat.PNG, 100, null));
        Files.write(masks.resolve("photo.png"), codec.encode(asRgb(mask), null, ImageFormat.PNG, 100, null));
        Path output = modelDir.resolve("output");

        try (Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model("lama").offline(true).build()) {
            BatchSummary summary = new BatchInpainter(iopaint, codec).run(
                    new BatchJob(images, masks, output, InpaintRequest.defaults(), false), BatchListener.NONE);

            assertThat(summary.inpainted()).isEqualTo(1);
            assertHolesGreyAndRestUnchanged(codec.decode(Files.readAllBytes(output.resolve("photo.png"))).rgb(), 0);
        }
    }

    private void assertHolesGreyAndRestUnchanged(RgbImage result, int tolerance) {
        assertThat(result.width()).isEqualTo(WIDTH);
        assertThat(result.height()).isEqualTo(HEIGHT);
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                if (mask.value(x, y) == 0) {
                    assertThat(result.rgb(x, y)).as("unmasked %d,%d", x, y).isEqualTo(image.rgb(x, y));
                } else if (deepInHole(x, y)) {
                    for (int channel : result.rgb(x, y)) {
                        assertThat(channel).as("masked %d,%d", x, y).isBetween(127 - tolerance, 127 + tolerance);
                    }
                }
            }
        }
    }

    private boolean deepInHole(int x, int y) {
        return x >= INSET && y >= INSET && x < WIDTH - INSET && y < HEIGHT - INSET
                && mask.value(x - INSET, y - INSET) != 0 && mask.value(x + INSET, y + INSET) != 0
                && mask.value(x - INSET, y + INSET) != 0 && mask.value(x + INSET, y - INSET) != 0;
    }

    private static Mask union(Mask a, Mask b) {
        byte[] values = a.values().clone();
        for (int i = 0; i < values.length; i++) {
            values[i] |= b.values()[i];
        }
        return new Mask(a.width(), a.height(), values);
    }

    private static RgbImage asRgb(Mask mask) {
        byte[] pixels = new byte[mask.values().length * 3];
        for (int i = 0; i < mask.values().length; i++) {
            pixels[3 * i] = pixels[3 * i + 1] = pixels[3 * i + 2] = mask.values()[i];
        }
        return new RgbImage(mask.width(), mask.height(), pixels);
    }
}
