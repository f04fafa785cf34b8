package dev.iopaint.models.erase.manga;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MangaModelTest {
    @TempDir
    Path dir;

    private InpaintModel load(String lineBody, String inpaintorBody) throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, lineBody);
        MangaFixtures.writeInpaintor(store, inpaintorBody);
        return new MangaProvider().load(ModelInfo.erase("manga"), LoadOptions.CPU, store);
    }

    /** IOPaint's float32 round trip: v / 255 * 2 - 1, then * 127.5 + 127.5, truncated by astype(uint8). */
    private static int roundTrip(int level) {
        float signed = level / 255f * 2f - 1f;
        return (int) (signed * 127.5f + 127.5f);
    }

    /** OpenCV's RGB2GRAY for 8-bit images: 14-bit fixed-point weights, rounded. */
    private static int cvGray(int r, int g, int b) {
        return (r * 4899 + g * 9617 + b * 1868 + (1 << 13)) >> 14;
    }

    private static RgbImage image(int[][] rgb) {
        byte[] pixels = new byte[rgb.length * 3];
        for (int i = 0; i < rgb.length; i++) {
            for (int c = 0; c < 3; c++) {
                pixels[3 * i + c] = (byte) rgb[i][c];
            }
        }
        return new RgbImage(rgb.length, 1, pixels);
    }

    private static int channel(RgbImage image, int pixel, int channel) {
        return image.pixels()[3 * pixel + channel] & 0xFF;
    }

    @Test
    void the_inpaintor_sees_opencv_grey_and_its_answer_lands_in_all_three_channels() throws IOException {
        int[][] rgb = {{255, 0, 0}, {0, 255, 0}, {0, 0, 255}, {10, 200, 90}, {255, 255, 255}, {0, 0, 0}};
        RgbImage image = image(rgb);

        try (InpaintModel model = load("return gray", "return gray")) {
            RgbImage result = model.forward(image, Mask.empty(rgb.length, 1), InpaintRequest.defaults());

            for (int i = 0; i < rgb.length; i++) {
                int gray = cvGray(rgb[i][0], rgb[i][1], rgb[i][2]);
                assertThat(Math.abs(gray - (0.299 * rgb[i][0] + 0.587 * rgb[i][1] + 0.114 * rgb[i][2])))
                        .isLessThanOrEqualTo(1.0);
                for (int c = 0; c < 3; c++) {
                    assertThat(channel(result, i, c)).as("pixel %d channel %d", i, c)
                            .isEqualTo(roundTrip(gray)).isCloseTo(gray, within(1));
                }
            }
        }
    }

    @Test
    void line_art_is_clamped_to_0_255_before_it_is_mapped_to_minus_one_one() throws IOException {
        // erika answers 2 * gray - 100: grey 0 and 30 go below 0, grey 200 above 255.
        RgbImage image = image(new int[][] {{0, 0, 0}, {30, 30, 30}, {100, 100, 100}, {200, 200, 200}});

        try (InpaintModel model = load("return torch.sub(torch.mul(gray, 2.), 100.)", "return lines")) {
            RgbImage result = model.forward(image, Mask.empty(4, 1), InpaintRequest.defaults());

            assertThat(new int[] {channel(result, 0, 0), channel(result, 1, 1), channel(result, 2, 2),
                    channel(result, 3, 0)}).containsExactly(roundTrip(0), roundTrip(0), roundTrip(100), 255);
        }
    }

    @Test
    void every_non_zero_mask_value_becomes_one() throws IOException {
        RgbImage image = RgbImage.blank(4, 1);
        Mask mask = new Mask(4, 1, new byte[] {0, 1, (byte) 128, (byte) 255});

        try (InpaintModel model = load("return gray", "return mask")) {
            RgbImage result = model.forward(image, mask, InpaintRequest.defaults());

            // 0 -> 0 * 127.5 + 127.5 = 127 after truncation; 1 -> 255.
            assertThat(new int[] {channel(result, 0, 0), channel(result, 1, 0), channel(result, 2, 0),
                    channel(result, 3, 0)}).containsExactly(127, 255, 255, 255);
        }
    }

    @Test
    void the_noise_is_the_same_on_every_call() throws IOException {
        RgbImage image = RgbImage.blank(16, 16);
        Mask mask = Mask.empty(16, 16);

        try (InpaintModel model = load("return gray", "return noise")) {
            RgbImage first = model.forward(image, mask, InpaintRequest.defaults());
            RgbImage second = model.forward(image, mask, InpaintRequest.defaults());

            assertThat(second).isEqualTo(first);
            assertThat(first.pixels()).as("noise, not a constant").contains((byte) 0, (byte) 255, (byte) 127);
        }
    }

    @Test
    void noise_after_seed_42_is_torch_manual_seed_42_then_randn() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(MangaModel.SEED);
            float[] noise = MangaModel.noise(manager, new Shape(1, 1, 16, 16)).toFloatArray();

            // torch.manual_seed(42); torch.randn(4, 4)[0] (the first 16 of a larger tensor are the same)
            assertThat(noise[0]).isCloseTo(1.9269f, within(1e-4f));
            assertThat(noise[1]).isCloseTo(1.4873f, within(1e-4f));
            assertThat(noise[2]).isCloseTo(0.9007f, within(1e-4f));
            assertThat(noise[3]).isCloseTo(-2.1055f, within(1e-4f));
        }
    }
}
