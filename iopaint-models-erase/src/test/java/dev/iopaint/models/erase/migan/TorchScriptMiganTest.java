package dev.iopaint.models.erase.migan;

import dev.iopaint.api.CallPath;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.pipeline.InpaintPipeline;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TorchScriptMiganTest {
    /** The image channels of MI-GAN's input, [-1, 1] as the model got them; holes arrive as 0, i.e. grey 127.5. */
    private static final String IMAGE_CHANNELS = "return torch.slice(x, 1, 1, 4)";
    /** Which shows the 4-channel input was [1, 4, 512, 512] and nothing else: reshape fails on any other size. */
    private static final String IMAGE_CHANNELS_AT_512 =
            "return torch.slice(torch.reshape(x, [1, 4, 512, 512]), 1, 1, 4)";
    /** 127.5 rounds half to even, as torch.round does. */
    private static final int HOLE_GREY = 128;

    @TempDir
    Path dir;

    private final InpaintRequest request = InpaintRequest.defaults();

    @Test
    void scales_to_minus_one_one_and_back_keeping_the_channel_order() throws Exception {
        RgbImage image = MiganTestSupport.pattern(7, 5);

        try (InpaintModel model = load(IMAGE_CHANNELS)) {
            assertThat(model.forward(image, Mask.empty(7, 5), request)).isEqualTo(image);
        }
    }

    @Test
    void marks_a_hole_where_the_mask_is_above_120_and_gives_the_model_zeros_there() throws Exception {
        RgbImage image = MiganTestSupport.pattern(4, 1);
        Mask mask = new Mask(4, 1, new byte[] {(byte) 120, (byte) 121, 0, (byte) 255});

        try (InpaintModel model = load(IMAGE_CHANNELS)) {
            RgbImage result = model.forward(image, mask, request);

            assertThat(result.rgb(0, 0)).isEqualTo(image.rgb(0, 0));
            assertThat(result.rgb(1, 0)).containsExactly(HOLE_GREY, HOLE_GREY, HOLE_GREY);
            assertThat(result.rgb(2, 0)).isEqualTo(image.rgb(2, 0));
            assertThat(result.rgb(3, 0)).containsExactly(HOLE_GREY, HOLE_GREY, HOLE_GREY);
        }
    }

    @Test
    void the_first_input_channel_is_one_half_minus_the_hole() throws Exception {
        // Shows channel 0 as the image's red: 0.5 - 0 -> 191.25 -> 191 where kept, 0.5 - 1 -> 63.75 -> 64 in holes.
        try (InpaintModel model = load("s = torch.slice(x, 1, 0, 1)\nreturn torch.cat([s, s, s], 1)")) {
            RgbImage result = model.forward(MiganTestSupport.pattern(2, 1),
                    new Mask(2, 1, new byte[] {0, (byte) 255}), request);

            assertThat(result.pixels()).containsExactly(191, 191, 191, 64, 64, 64);
        }
    }

    @Test
    void maps_the_output_from_minus_one_one_rounding_then_clamping() throws Exception {
        String constants = """
                z = torch.mul(torch.slice(x, 1, 0, 1), 0.)
                return torch.cat([torch.add(z, 0.5), torch.add(z, -2.), torch.add(z, 0.003)], 1)""";

        try (InpaintModel model = load(constants)) {
            RgbImage result = model.forward(MiganTestSupport.pattern(1, 1), Mask.empty(1, 1), request);

            // 0.5 -> 191.25 -> 191; -2 -> -127.5 -> 0; 0.003 -> 127.88 -> 128 (truncation would give 127)
            assertThat(result.pixels()).containsExactly(191, 0, 128);
        }
    }

    @Test
    void asks_core_for_the_each_box_call_path() throws Exception {
        try (InpaintModel model = load(IMAGE_CHANNELS)) {
            assertThat(model.callPath()).isEqualTo(CallPath.EACH_BOX_AT_MODEL_SIZE);
            assertThat(model.padRules().minSize()).isEqualTo(512);
        }
    }

    @Test
    void inpaints_each_region_of_a_large_image_at_512_leaving_unmasked_pixels_untouched() throws Exception {
        RgbImage image = MiganTestSupport.pattern(1000, 700);
        // The first region's window [0, 0, 356, 356] is inpainted as it is; the second's, 606x606, is shrunk.
        Mask mask = MiganTestSupport.rectangles(1000, 700, new int[] {100, 100, 200, 200},
                new int[] {600, 300, 950, 650});

        try (InpaintModel model = load(IMAGE_CHANNELS_AT_512)) {
            RgbImage result = new InpaintPipeline().run(model, image, mask, request);

            for (int i = 0; i < mask.values().length; i++) {
                if (mask.values()[i] == 0) {
                    int x = i % 1000;
                    int y = i / 1000;
                    assertThat(result.rgb(x, y)).as("(%d, %d)", x, y).isEqualTo(image.rgb(x, y));
                }
            }
            assertThat(result.rgb(150, 150)).containsExactly(HOLE_GREY, HOLE_GREY, HOLE_GREY);
            assertThat(result.rgb(100, 199)).containsExactly(HOLE_GREY, HOLE_GREY, HOLE_GREY);
            assertThat(result.rgb(775, 475)).containsExactly(HOLE_GREY, HOLE_GREY, HOLE_GREY);
        }
    }

    @Test
    void inpaints_a_512_image_in_one_pass() throws Exception {
        RgbImage image = MiganTestSupport.pattern(512, 512);
        Mask mask = MiganTestSupport.rectangles(512, 512, new int[] {0, 0, 40, 40}, new int[] {500, 300, 512, 512});

        try (InpaintModel model = load(IMAGE_CHANNELS_AT_512)) {
            RgbImage result = new InpaintPipeline().run(model, image, mask, request);

            assertThat(result).isEqualTo(MiganTestSupport.paint(image, mask, HOLE_GREY));
        }
    }

    @Test
    void refuses_a_file_that_is_not_torchscript() throws Exception {
        Path file = new ModelDirectory(dir).checkpoint("migan_traced.pt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<html>rate limited</html>");

        assertThatThrownBy(() -> MiganTestSupport.load(MiganTestSupport.store(dir, Map.of())))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a TorchScript archive")
                .hasMessageContaining("MI-GAN");
    }

    @Test
    void reports_a_module_of_the_wrong_signature_when_called() throws Exception {
        TorchScriptFixtures.write(new ModelDirectory(dir).checkpoint("migan_traced.pt"),
                "image: Tensor, mask: Tensor", "return image");

        try (InpaintModel model = MiganTestSupport.load(MiganTestSupport.store(dir, Map.of()))) {
            assertThatThrownBy(() -> model.forward(MiganTestSupport.pattern(2, 2), Mask.empty(2, 2), request))
                    .isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("MI-GAN")
                    .hasMessageContaining("[(1, 4, 2, 2)]");
        }
    }

    private InpaintModel load(String body) throws Exception {
        TorchScriptFixtures.write(new ModelDirectory(dir).checkpoint("migan_traced.pt"), "x: Tensor", body);
        return MiganTestSupport.load(MiganTestSupport.store(dir, Map.of()));
    }
}
