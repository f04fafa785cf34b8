package dev.iopaint.models.erase.migan;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.pipeline.InpaintPipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OnnxMiganTest {
    @TempDir
    Path dir;

    private final InpaintRequest request = InpaintRequest.defaults();

    @Test
    void runs_an_onnx_export_named_by_the_url_override_with_255_meaning_keep() throws Exception {
        Path file = OnnxFixtures.writeWhiteHoles(dir.resolve("migan_pipeline_v2.onnx"));
        RgbImage image = MiganTestSupport.pattern(5, 3);
        byte[] values = new byte[15];
        values[1] = (byte) 121;
        values[7] = (byte) 120;
        values[14] = (byte) 255;

        try (InpaintModel model = loadOverride(file)) {
            RgbImage result = model.forward(image, new Mask(5, 3, values), request);

            // The white-holes stand-in returns kept pixels as they are and holes (above 120) in white.
            byte[] expected = image.pixels().clone();
            for (int pixel : new int[] {1, 14}) {
                expected[3 * pixel] = (byte) 255;
                expected[3 * pixel + 1] = (byte) 255;
                expected[3 * pixel + 2] = (byte) 255;
            }
            assertThat(result).isEqualTo(new RgbImage(5, 3, expected));
        }
    }

    @Test
    void takes_the_each_box_path_like_the_torchscript_model() throws Exception {
        Path file = OnnxFixtures.writeWhiteHoles(dir.resolve("migan_pipeline_v2.onnx"));
        RgbImage image = MiganTestSupport.pattern(1000, 700);
        Mask mask = MiganTestSupport.rectangles(1000, 700, new int[] {100, 100, 200, 200});

        try (InpaintModel model = loadOverride(file)) {
            RgbImage result = new InpaintPipeline().run(model, image, mask, request);

            assertThat(result).isEqualTo(MiganTestSupport.paint(image, mask, 255));
        }
    }

    @Test
    void refuses_an_onnx_model_with_other_inputs() throws Exception {
        Path file = OnnxFixtures.writeWhiteHoles(dir.resolve("other.onnx"), "img", "msk");

        assertThatThrownBy(() -> loadOverride(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("[img, msk]")
                .hasMessageContaining("image: uint8 [1, 3, H, W]");
    }

    @Test
    void refuses_a_file_that_is_not_onnx() throws Exception {
        Path file = Files.writeString(dir.resolve("migan_pipeline_v2.onnx"), "<html>not found</html>");

        assertThatThrownBy(() -> loadOverride(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("could not be loaded as an ONNX export of MI-GAN");
    }

    private InpaintModel loadOverride(Path file) {
        return MiganTestSupport.load(MiganTestSupport.store(dir.resolve("models"),
                Map.of("MIGAN_MODEL_URL", file.toAbsolutePath().toString())));
    }
}
