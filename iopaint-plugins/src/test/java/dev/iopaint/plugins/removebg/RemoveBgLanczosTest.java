package dev.iopaint.plugins.removebg;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link PilLanczos} against what Pillow 12.3's {@code Image.resize(size, Image.LANCZOS)} answers for the same input. */
class RemoveBgLanczosTest {
    /** 11x7 RGB: R = (37x + 11y) % 256, G = (5x^2 + 29y) % 256, B = 255 where (x + y) % 3 == 0, else 0. */
    private static byte[] pattern() {
        byte[] rgb = new byte[11 * 7 * 3];
        for (int y = 0; y < 7; y++) {
            for (int x = 0; x < 11; x++) {
                int i = (y * 11 + x) * 3;
                rgb[i] = (byte) ((x * 37 + y * 11) % 256);
                rgb[i + 1] = (byte) ((x * x * 5 + y * 29) % 256);
                rgb[i + 2] = (byte) ((x + y) % 3 == 0 ? 255 : 0);
            }
        }
        return rgb;
    }

    @Test
    void shrinks_rgb_as_pil_does() {
        assertThat(unsigned(PilLanczos.resize(pattern(), 11, 7, 3, 4, 3))).containsExactly(
                35, 20, 84, 160, 96, 85, 133, 154, 86, 67, 124, 83, 62, 90, 84, 181, 158, 85, 127, 120, 85, 96, 115,
                85, 90, 170, 89, 197, 176, 84, 84, 111, 84, 128, 129, 89);
    }

    @Test
    void enlarges_grey_as_pil_does_clamping_the_overshoot() {
        byte[] grey = {0, (byte) 255, 40, (byte) 200, 10, (byte) 128};

        assertThat(unsigned(PilLanczos.resize(grey, 3, 2, 1, 7, 5))).containsExactly(
                0, 3, 178, 255, 217, 62, 0, 20, 45, 155, 234, 174, 73, 13, 117, 105, 124, 133, 114, 90, 77, 213, 164,
                92, 31, 54, 107, 140, 255, 206, 69, 0, 11, 118, 184);
    }

    @Test
    void widens_and_shortens_at_once_as_pil_does() {
        assertThat(unsigned(PilLanczos.resize(pattern(), 11, 7, 3, 13, 2))).containsExactly(
                14, 38, 97, 41, 41, 82, 77, 51, 104, 106, 69, 119, 137, 90, 106, 167, 128, 80, 200, 179, 93, 245, 179,
                108, 76, 110, 93, 12, 75, 102, 75, 147, 118, 103, 170, 99, 130, 81, 68, 50, 136, 97, 77, 139, 105, 113,
                149, 97, 142, 163, 101, 171, 198, 117, 212, 210, 101, 236, 124, 66, 86, 64, 103, 41, 82, 116, 74, 182,
                100, 105, 162, 98, 139, 72, 106, 166, 116, 94);
    }

    @Test
    void keeps_a_flat_image_flat_when_shrinking_a_lot() {
        byte[] flat = new byte[1920 * 4 * 3];
        Arrays.fill(flat, (byte) 201);

        assertThat(unsigned(PilLanczos.resize(flat, 1920, 4, 3, 320, 2))).containsOnly(201);
    }

    @Test
    void copies_when_the_size_does_not_change() {
        byte[] rgb = pattern();

        byte[] same = PilLanczos.resize(rgb, 11, 7, 3, 11, 7);

        assertThat(same).isEqualTo(rgb).isNotSameAs(rgb);
    }

    private static int[] unsigned(byte[] bytes) {
        int[] values = new int[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            values[i] = bytes[i] & 0xFF;
        }
        return values;
    }
}
