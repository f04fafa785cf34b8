package dev.iopaint.plugins.removebg;

import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveBgInputTest {
    private static final int PLANE = 320 * 320;

    @Test
    void puts_blue_green_red_in_the_slots_divided_by_the_brightest_value_and_standardised() {
        // A flat 320x320 image needs no resize: R=10, G=20, B=40, so the brightest value is 40.
        FloatBuffer input = U2NetpInput.of(flat(320, 320, 10, 20, 40));

        assertThat(input.capacity()).isEqualTo(3 * PLANE);
        assertThat(input.isDirect()).isTrue();
        assertThat(input.get(0)).isEqualTo((float) ((40 / 40.0 - 0.485) / 0.229));
        assertThat(input.get(PLANE + 5)).isEqualTo((float) ((20 / 40.0 - 0.456) / 0.224));
        assertThat(input.get(2 * PLANE + PLANE - 1)).isEqualTo((float) ((10 / 40.0 - 0.406) / 0.225));
    }

    @Test
    void keeps_a_black_image_at_zero_before_standardising() {
        FloatBuffer input = U2NetpInput.of(RgbImage.blank(640, 480));

        assertThat(input.get(7)).isEqualTo((float) (-0.485 / 0.229));
        assertThat(input.get(PLANE + 7)).isEqualTo((float) (-0.456 / 0.224));
        assertThat(input.get(2 * PLANE + 7)).isEqualTo((float) (-0.406 / 0.225));
    }

    private static RgbImage flat(int width, int height, int r, int g, int b) {
        byte[] pixels = new byte[width * height * 3];
        for (int i = 0; i < pixels.length; i += 3) {
            pixels[i] = (byte) r;
            pixels[i + 1] = (byte) g;
            pixels[i + 2] = (byte) b;
        }
        return new RgbImage(width, height, pixels);
    }

    @Test
    void is_320_by_320_whatever_the_image_size() {
        FloatBuffer input = U2NetpInput.of(flat(317, 211, 200, 100, 50));
        float[] values = new float[input.capacity()];
        input.get(0, values);

        // Flat stays flat through PIL's Lanczos; B (50 of 200) goes to slot 0.
        assertThat(Arrays.stream(new int[] {0, 1000, PLANE - 1}).mapToObj(i -> values[i]))
                .containsOnly((float) ((50 / 200.0 - 0.485) / 0.229));
    }
}
