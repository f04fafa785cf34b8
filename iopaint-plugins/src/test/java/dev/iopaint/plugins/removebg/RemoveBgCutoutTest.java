package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RemoveBgCutoutTest {
    @Test
    void fades_each_colour_by_the_matte_rounding_as_pil_composite_does() {
        // Pixels: (1, 1, 200) under 127 and 128, (255, 255, 255) under 1, (90, 7, 255) under 0 and 255.
        RgbImage image = new RgbImage(5, 1, bytes(1, 1, 200, 1, 1, 200, 255, 255, 255, 90, 7, 255, 90, 7, 255));
        Mask matte = new Mask(5, 1, bytes(127, 128, 1, 0, 255));

        RgbImage cutout = Cutout.of(image, matte);

        // round(c * m / 255): 1*127/255 = 0.498 -> 0, 200*127/255 = 99.6 -> 100, 1*128/255 = 0.502 -> 1,
        // 200*128/255 = 100.39 -> 100, 255*1/255 = 1.
        assertThat(cutout.pixels()).containsExactly(bytes(0, 0, 100, 1, 1, 100, 1, 1, 1, 0, 0, 0, 90, 7, 255));
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }
}
