package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SamInputTest {
    static final int PLANE = 1024 * 1024;

    static RgbImage uniform(int width, int height, int r, int g, int b) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) r;
            pixels[i + 1] = (byte) g;
            pixels[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, pixels);
    }

    /** The value of channel c at (x, y) before normalisation. */
    static double pixel(float[] input, int c, int x, int y) {
        return input[c * PLANE + y * 1024 + x] * SamInput.STD[c] + SamInput.MEAN[c];
    }

    @Test
    void pixels_are_normalised_with_sams_mean_and_std_in_planar_rgb() {
        float[] input = SamInput.of(uniform(1024, 512, 10, 200, 30), SamFrame.of(1024, 512));

        assertThat(input).hasSize(3 * PLANE);
        assertThat(input[0]).isCloseTo((10 - 123.675f) / 58.395f, within(1e-6f));
        assertThat(input[PLANE + 511 * 1024 + 1023]).isCloseTo((200 - 116.28f) / 57.12f, within(1e-6f));
        assertThat(input[2 * PLANE + 77]).isCloseTo((30 - 103.53f) / 57.375f, within(1e-6f));
    }

    @Test
    void the_rest_of_the_square_is_zero_after_normalisation() {
        float[] input = SamInput.of(uniform(256, 512, 10, 200, 30), SamFrame.of(256, 512));

        for (int c = 0; c < 3; c++) {
            assertThat(pixel(input, c, 511, 1023)).isCloseTo(new int[] {10, 200, 30}[c], within(1e-3));
            assertThat(input[c * PLANE + 1023 * 1024 + 512]).isZero();
            assertThat(input[c * PLANE + 1024 * 1024 - 1]).isZero();
            assertThat(input[c * PLANE + 512]).isZero();
        }
    }

    @Test
    void shrinking_averages_over_each_pixels_footprint() {
        // One bright column in four: an average is a quarter of 255, a bilinear sample between columns would be 0.
        int width = 4096;
        byte[] pixels = new byte[width * 8 * 3];
        for (int y = 0; y < 8; y++) {
            for (int x = 0; x < width; x += 4) {
                for (int c = 0; c < 3; c++) {
                    pixels[(y * width + x) * 3 + c] = (byte) 255;
                }
            }
        }

        float[] input = SamInput.of(new RgbImage(width, 8, pixels), SamFrame.of(width, 8));

        assertThat(pixel(input, 0, 300, 1)).isCloseTo(255 / 4.0, within(1.0));
    }
}
