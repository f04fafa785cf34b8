package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveBgMatteTest {
    @Test
    void stretches_the_map_from_its_minimum_to_its_maximum_and_truncates() {
        // (v - 0.5) / 0.5 * 255 in float32: 0, 255, 127.5 -> 127, 0.6 - 0.5 = 0.100000024 -> 51.000011 -> 51.
        Mask matte = Matte.of(new float[] {0.5f, 1.0f, 0.75f, 0.6f}, 2, 2, 2, 2);

        assertThat(matte.values()).containsExactly(0, (byte) 255, 127, 51);
    }

    @Test
    void gives_an_empty_matte_for_a_flat_map() {
        Mask matte = Matte.of(new float[] {0.3f, 0.3f, 0.3f, 0.3f}, 2, 2, 5, 3);

        assertThat(matte).isEqualTo(Mask.empty(5, 3));
    }

    @Test
    void resizes_to_the_image() {
        Mask matte = Matte.of(new float[] {0f, 1f, 1f, 0f}, 2, 2, 7, 3);

        assertThat(matte.width()).isEqualTo(7);
        assertThat(matte.height()).isEqualTo(3);
    }
}
