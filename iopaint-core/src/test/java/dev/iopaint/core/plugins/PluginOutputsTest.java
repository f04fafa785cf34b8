package dev.iopaint.core.plugins;

import dev.iopaint.api.Mask;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PluginOutputsTest {
    private static Mask withPixels(int width, int height, int value, int[]... points) {
        byte[] values = new byte[width * height];
        for (int[] point : points) {
            values[point[1] * width + point[0]] = (byte) value;
        }
        return new Mask(width, height, values);
    }

    /** The pixels whose value is {@code value}, as "x,y" strings, row by row. */
    private static List<String> pixelsOf(Mask mask, int value) {
        List<String> found = new ArrayList<>();
        for (int y = 0; y < mask.height(); y++) {
            for (int x = 0; x < mask.width(); x++) {
                if (mask.value(x, y) == value) {
                    found.add(x + "," + y);
                }
            }
        }
        return found;
    }

    private static List<String> square(int left, int top, int right, int bottom) {
        List<String> pixels = new ArrayList<>();
        for (int y = top; y <= bottom; y++) {
            for (int x = left; x <= right; x++) {
                pixels.add(x + "," + y);
            }
        }
        return pixels;
    }

    @Test
    void one_selected_pixel_grows_into_a_9x9_square_centred_on_it() {
        Mask dilated = PluginOutputs.dilateForClient(withPixels(20, 16, 255, new int[] {10, 7}));

        assertThat(pixelsOf(dilated, 255)).containsExactlyElementsOf(square(6, 3, 14, 11));
        assertThat(pixelsOf(dilated, 0)).hasSize(20 * 16 - 81);
    }

    @Test
    void the_image_border_clips_the_square_without_adding_anything() {
        Mask dilated = PluginOutputs.dilateForClient(withPixels(12, 10, 255, new int[] {0, 9}));

        assertThat(pixelsOf(dilated, 255)).containsExactlyElementsOf(square(0, 5, 4, 9));
    }

    @Test
    void each_pixel_takes_the_largest_value_within_four_pixels() {
        Mask dilated = PluginOutputs.dilateForClient(new Mask(30, 1, grey(30, new int[] {5, 100}, new int[] {12, 200})));

        // 100 spreads over x 1..9, 200 over x 8..16 and wins where both reach.
        assertThat(dilated.value(0, 0)).isZero();
        assertThat(dilated.value(1, 0)).isEqualTo(100);
        assertThat(dilated.value(7, 0)).isEqualTo(100);
        assertThat(dilated.value(8, 0)).isEqualTo(200);
        assertThat(dilated.value(16, 0)).isEqualTo(200);
        assertThat(dilated.value(17, 0)).isZero();
    }

    private static byte[] grey(int width, int[]... xAndValue) {
        byte[] values = new byte[width];
        for (int[] pair : xAndValue) {
            values[pair[0]] = (byte) pair[1];
        }
        return values;
    }

    @Test
    void an_alpha_of_the_right_size_is_kept_as_it_is() {
        Mask alpha = withPixels(4, 3, 200, new int[] {1, 1});

        assertThat(PluginOutputs.fitAlpha(alpha, 4, 3)).isSameAs(alpha);
    }

    @Test
    void an_alpha_is_resized_bilinearly_to_an_upscaled_image() {
        Mask alpha = new Mask(2, 1, new byte[] {0, (byte) 200});

        Mask fitted = PluginOutputs.fitAlpha(alpha, 4, 1);

        // Pixel centres map to source x -0.25 (clamped), 0.25, 0.75, 1.25 (clamped): 0, 50, 150, 200.
        assertThat(fitted.width()).isEqualTo(4);
        assertThat(fitted.height()).isEqualTo(1);
        assertThat(new int[] {fitted.value(0, 0), fitted.value(1, 0), fitted.value(2, 0), fitted.value(3, 0)})
                .containsExactly(0, 50, 150, 200);
    }
}
