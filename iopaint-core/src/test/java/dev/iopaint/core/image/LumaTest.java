package dev.iopaint.core.image;

import static dev.iopaint.core.image.TestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import dev.iopaint.api.Mask;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;

class LumaTest {
    private final ImageCodec codec = new ImageCodec(1 << 20);

    @Test
    void converts_colours_like_pillow_convert_l() {
        // (R*19595 + G*38470 + B*7471 + 32768) >> 16, worked by hand:
        // red 5029493>>16 = 76; green 9842618>>16 = 150; blue 1937873>>16 = 29;
        // (100,150,200) 9256968>>16 = 141; (1,1,0) 90833>>16 = 1 where the old /1000 formula truncated to 0;
        // gray 128 stays 128; white stays 255.
        RgbImage colours = new RgbImage(7, 1, bytes(255, 0, 0, 0, 255, 0, 0, 0, 255, 100, 150, 200, 1, 1, 0,
                128, 128, 128, 255, 255, 255));

        assertThat(Luma.of(colours).values()).isEqualTo(bytes(76, 150, 29, 141, 1, 128, 255));
    }

    @Test
    void decodes_an_rgba_mask_to_gray_ignoring_alpha() {
        byte[] rgba = bytes(255, 0, 0, 0, 0, 255, 0, 255, 255, 255, 255, 0);

        Mask mask = codec.decodeMask(TestFiles.png(3, 1, TestFiles.RGBA, 8, rgba));

        assertThat(mask).isEqualTo(new Mask(3, 1, bytes(76, 150, 255)));
    }

    @Test
    void decodes_a_gray_mask_unchanged() {
        Mask mask = codec.decodeMask(TestFiles.png(4, 1, TestFiles.GRAY, 8, bytes(0, 1, 127, 255)));

        assertThat(mask.values()).isEqualTo(bytes(0, 1, 127, 255));
    }

    @Test
    void turns_a_mask_upright_by_its_exif_orientation() {
        byte[] file = TestFiles.png(2, 1, TestFiles.GRAY, 8, bytes(10, 200), TestFiles.exifChunk(TestFiles.exif(8, true)));

        Mask mask = codec.decodeMask(file);

        assertThat(mask).isEqualTo(new Mask(1, 2, bytes(200, 10)));
    }
}
