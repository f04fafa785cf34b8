package dev.iopaint.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowsTest {

    @Test
    void crops_the_rows_of_a_window() {
        RgbImage image = Images.pattern(6, 5);

        RgbImage window = Windows.crop(image, new Box(2, 1, 5, 3));

        assertThat(window.width()).isEqualTo(3);
        assertThat(window.height()).isEqualTo(2);
        for (int y = 0; y < 2; y++) {
            for (int x = 0; x < 3; x++) {
                assertThat(window.rgb(x, y)).isEqualTo(image.rgb(x + 2, y + 1));
            }
        }
    }

    @Test
    void crops_a_mask_window() {
        Mask mask = Images.rectangles(6, 5, new int[] {3, 2, 4, 3});

        Mask window = Windows.crop(mask, new Box(2, 1, 5, 4));

        assertThat(window.values()).containsExactly(0, 0, 0, 0, 255, 0, 0, 0, 0);
    }

    @Test
    void pastes_in_order_so_the_later_window_wins_and_leaves_the_input_alone() {
        RgbImage image = RgbImage.blank(4, 3);
        RgbImage ones = filled(2, 2, 1);
        RgbImage twos = filled(2, 2, 2);

        RgbImage pasted = Windows.paste(image, List.of(ones, twos), List.of(new Box(0, 0, 2, 2), new Box(1, 1, 3, 3)));

        assertThat(pasted.rgb(0, 0)[0]).isEqualTo(1);
        assertThat(pasted.rgb(1, 1)[0]).isEqualTo(2);
        assertThat(pasted.rgb(2, 2)[0]).isEqualTo(2);
        assertThat(pasted.rgb(3, 0)[0]).isZero();
        assertThat(pasted.rgb(0, 2)[0]).isZero();
        assertThat(image.pixels()).containsOnly(0);
    }

    @Test
    void refuses_a_window_outside_the_image_or_a_patch_of_another_size() {
        RgbImage image = RgbImage.blank(4, 3);

        assertThatThrownBy(() -> Windows.crop(image, new Box(2, 0, 5, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("outside a 4x3 image");
        assertThatThrownBy(() -> Windows.paste(image, List.of(filled(1, 1, 1)), List.of(new Box(0, 0, 2, 2))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not fit");
    }

    private static RgbImage filled(int width, int height, int value) {
        byte[] pixels = new byte[width * height * 3];
        java.util.Arrays.fill(pixels, (byte) value);
        return new RgbImage(width, height, pixels);
    }
}
