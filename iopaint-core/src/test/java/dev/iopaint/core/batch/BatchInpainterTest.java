package dev.iopaint.core.batch;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.Iopaint;
import dev.iopaint.core.WhiteProvider;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.ImageFormat;
import dev.iopaint.core.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BatchInpainterTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    @TempDir
    Path dir;

    private Iopaint iopaint() {
        return Iopaint.builder().modelDir(dir.resolve("models")).model("white")
                .registry(ModelRegistry.of(List.of(new WhiteProvider()))).build();
    }

    private byte[] png(RgbImage image) {
        return codec.encode(image, null, ImageFormat.PNG, 100, null);
    }

    private static RgbImage gradient(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void one_image_gives_the_bytes_the_folder_run_writes() throws Exception {
        byte[] image = png(gradient(16, 8));
        byte[] maskPixels = new byte[8 * 4 * 3];
        maskPixels[0] = maskPixels[1] = maskPixels[2] = (byte) 200;
        byte[] mask = png(new RgbImage(8, 4, maskPixels));
        Files.createDirectories(dir.resolve("in"));
        Files.write(dir.resolve("in/photo.jpg.png"), image);
        Files.write(dir.resolve("mask.png"), mask);

        try (Iopaint iopaint = iopaint()) {
            BatchInpainter batch = new BatchInpainter(iopaint, codec);
            batch.run(new BatchJob(dir.resolve("in"), dir.resolve("mask.png"), dir.resolve("out"),
                    InpaintRequest.defaults(), false), BatchListener.NONE);
            byte[] one = batch.inpaint(image, mask, InpaintRequest.defaults(), false);

            assertThat(Files.readAllBytes(dir.resolve("out/photo.jpg.png"))).isEqualTo(one);
            // The 8x4 mask's top-left pixel covers the top-left 2x2 block of the 16x8 image.
            RgbImage result = codec.decode(one).rgb();
            assertThat(result.rgb(1, 1)).containsExactly(255, 255, 255);
            assertThat(result.rgb(2, 0)).isEqualTo(gradient(16, 8).rgb(2, 0));
        }
    }

    @Test
    void a_broken_image_is_unsupported_input() {
        try (Iopaint iopaint = iopaint()) {
            BatchInpainter batch = new BatchInpainter(iopaint, codec);
            assertThatThrownBy(() -> batch.inpaint(new byte[] {1, 2, 3}, png(gradient(2, 2)),
                    InpaintRequest.defaults(), false)).isInstanceOf(UnsupportedInputException.class);
        }
    }

    @Test
    void names_results_and_matches_files_as_iopaint_run() {
        assertThat(BatchInpainter.stem("a.b.JPG")).isEqualTo("a.b");
        assertThat(BatchInpainter.stem(".hidden")).isEqualTo(".hidden");
        assertThat(BatchInpainter.resultName("cat.jpeg")).isEqualTo("cat.png");
        assertThat(BatchInpainter.isImageName("x.JPEG")).isTrue();
        assertThat(BatchInpainter.isImageName("x.webp")).isFalse();
    }
}
