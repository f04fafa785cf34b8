package dev.iopaint.core.image;

import static dev.iopaint.core.image.TestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ImageCodecDecodeTest {
    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    private static byte[] randomBytes(int n, long seed) {
        byte[] b = new byte[n];
        new Random(seed).nextBytes(b);
        return b;
    }

    @Test
    void decodes_an_rgb_png_exactly_without_alpha() {
        byte[] rgb = randomBytes(5 * 3 * 3, 1);
        DecodedImage image = codec.decode(TestFiles.png(5, 3, TestFiles.RGB, 8, rgb));

        assertThat(image.format()).isEqualTo(ImageFormat.PNG);
        assertThat(image.rgb()).isEqualTo(new RgbImage(5, 3, rgb));
        assertThat(image.alpha()).isNull();
        assertThat(image.metadata()).isEqualTo(ImageMetadata.NONE);
    }

    @Test
    void decodes_an_rgba_png_into_colour_and_alpha_exactly() {
        byte[] rgba = randomBytes(4 * 2 * 4, 2);
        DecodedImage image = codec.decode(TestFiles.png(4, 2, TestFiles.RGBA, 8, rgba));

        byte[] rgb = new byte[4 * 2 * 3];
        byte[] alpha = new byte[4 * 2];
        for (int i = 0; i < 8; i++) {
            System.arraycopy(rgba, i * 4, rgb, i * 3, 3);
            alpha[i] = rgba[i * 4 + 3];
        }
        assertThat(image.rgb().pixels()).isEqualTo(rgb);
        assertThat(image.alpha()).isEqualTo(alpha);
    }

    @Test
    void decodes_a_gray_png_into_equal_channels() {
        DecodedImage image = codec.decode(TestFiles.png(3, 1, TestFiles.GRAY, 8, bytes(0, 128, 255)));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(0, 0, 0, 128, 128, 128, 255, 255, 255));
        assertThat(image.alpha()).isNull();
    }

    @Test
    void decodes_a_one_bit_gray_png_to_black_and_white() {
        DecodedImage image = codec.decode(TestFiles.png(3, 1, TestFiles.GRAY, 1, bytes(0b1010_0000)));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(255, 255, 255, 0, 0, 0, 255, 255, 255));
    }

    @Test
    void keeps_the_alpha_of_a_gray_alpha_png() {
        DecodedImage image = codec.decode(TestFiles.png(2, 1, TestFiles.GRAY_ALPHA, 8, bytes(10, 200, 90, 0)));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(10, 10, 10, 90, 90, 90));
        assertThat(image.alpha()).isEqualTo(bytes(200, 0));
    }

    @Test
    void keeps_the_high_byte_of_a_16_bit_rgb_png() {
        byte[] samples = bytes(0x12, 0xFF, 0xFF, 0x00, 0x00, 0x80, 0xFF, 0xFF, 0x7F, 0xFF, 0x80, 0x00);
        DecodedImage image = codec.decode(TestFiles.png(2, 1, TestFiles.RGB, 16, samples));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(0x12, 0xFF, 0x00, 0xFF, 0x7F, 0x80));
    }

    @Test
    void scales_a_16_bit_gray_alpha_png_to_8_bits() {
        DecodedImage image = codec.decode(TestFiles.png(1, 1, TestFiles.GRAY_ALPHA, 16, bytes(0xAB, 0xCD, 0x40, 0xFF)));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(0xAB, 0xAB, 0xAB));
        assertThat(image.alpha()).isEqualTo(bytes(0x40));
    }

    @Test
    void expands_a_palette_png_and_takes_alpha_from_its_transparency() {
        byte[] plte = TestFiles.chunk("PLTE", bytes(255, 0, 0, 0, 255, 0, 0, 0, 255));
        byte[] trns = TestFiles.chunk("tRNS", bytes(0, 128));
        DecodedImage image = codec.decode(TestFiles.png(3, 1, TestFiles.PALETTE, 8, bytes(0, 1, 2), plte, trns));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(255, 0, 0, 0, 255, 0, 0, 0, 255));
        assertThat(image.alpha()).isEqualTo(bytes(0, 128, 255));
    }

    @Test
    void expands_a_palette_png_without_transparency_to_opaque_rgb() {
        byte[] plte = TestFiles.chunk("PLTE", bytes(1, 2, 3, 4, 5, 6));
        DecodedImage image = codec.decode(TestFiles.png(2, 1, TestFiles.PALETTE, 8, bytes(1, 0), plte));

        assertThat(image.rgb().pixels()).isEqualTo(bytes(4, 5, 6, 1, 2, 3));
        assertThat(image.alpha()).isNull();
    }

    @Test
    void decodes_a_jpeg_close_to_its_pattern() {
        // Four 16x16 quadrants: red, green, blue, gray. JPEG is lossy, so compare the quadrant centres.
        int w = 32;
        int h = 32;
        int[][] colours = {{220, 30, 30}, {30, 200, 40}, {20, 40, 210}, {128, 128, 128}};
        byte[] pixels = new byte[w * h * 3];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int[] c = colours[(y / 16) * 2 + x / 16];
                for (int k = 0; k < 3; k++) {
                    pixels[(y * w + x) * 3 + k] = (byte) c[k];
                }
            }
        }
        DecodedImage image = codec.decode(TestFiles.jpeg(w, h, pixels, false, 0.95f));

        assertThat(image.format()).isEqualTo(ImageFormat.JPEG);
        assertThat(image.alpha()).isNull();
        for (int q = 0; q < 4; q++) {
            int[] rgb = image.rgb().rgb(8 + (q % 2) * 16, 8 + (q / 2) * 16);
            for (int k = 0; k < 3; k++) {
                assertThat(rgb[k]).as("quadrant %d channel %d", q, k).isCloseTo(colours[q][k],
                        org.assertj.core.data.Offset.offset(6));
            }
        }
    }

    @Test
    void decodes_a_grayscale_jpeg_into_equal_channels() {
        byte[] gray = new byte[16 * 16];
        java.util.Arrays.fill(gray, (byte) 77);
        DecodedImage image = codec.decode(TestFiles.jpeg(16, 16, gray, true, 0.95f));

        int[] rgb = image.rgb().rgb(5, 5);
        assertThat(rgb[0]).isEqualTo(rgb[1]).isEqualTo(rgb[2]).isBetween(75, 79);
    }

    /** A 3x2 image a b c / d e f turned by each EXIF orientation, as Pillow's exif_transpose does. */
    @ParameterizedTest(name = "orientation {0}")
    @CsvSource({
            "1, 3, 2, abcdef",
            "2, 3, 2, cbafed",
            "3, 3, 2, fedcba",
            "4, 3, 2, defabc",
            "5, 2, 3, adbecf",
            "6, 2, 3, daebfc",
            "7, 2, 3, fcebda",
            "8, 2, 3, cfbead"})
    void turns_pixels_upright_by_exif_orientation(int orientation, int width, int height, String expected) {
        byte[] gray = bytes('a', 'b', 'c', 'd', 'e', 'f');
        byte[] file = TestFiles.png(3, 2, TestFiles.GRAY, 8, gray,
                TestFiles.exifChunk(TestFiles.exif(orientation, orientation % 2 == 0)));

        DecodedImage image = codec.decode(file);

        assertThat(image.width()).isEqualTo(width);
        assertThat(image.height()).isEqualTo(height);
        StringBuilder read = new StringBuilder();
        for (int i = 0; i < width * height; i++) {
            read.append((char) image.rgb().pixels()[i * 3]);
        }
        assertThat(read).hasToString(expected);
        assertThat(ExifOrientation.read(image.metadata().exif())).isEqualTo(1);
    }

    @Test
    void rotates_the_alpha_channel_with_the_pixels() {
        byte[] file = TestFiles.png(2, 1, TestFiles.GRAY_ALPHA, 8, bytes(10, 1, 20, 2),
                TestFiles.exifChunk(TestFiles.exif(6, true)));

        DecodedImage image = codec.decode(file);

        assertThat(image.width()).isEqualTo(1);
        assertThat(image.alpha()).isEqualTo(bytes(1, 2));
    }

    @Test
    void rotates_a_jpeg_with_exif_orientation_6_clockwise() {
        // 32 wide, 16 tall: left half black, right half white. Turned clockwise: 16 wide, 32 tall, top black.
        byte[] gray = new byte[32 * 16];
        for (int y = 0; y < 16; y++) {
            java.util.Arrays.fill(gray, y * 32 + 16, y * 32 + 32, (byte) 255);
        }
        byte[] jpeg = TestFiles.withExifSegment(TestFiles.jpeg(32, 16, gray, true, 0.95f), TestFiles.exif(6, false));

        DecodedImage image = codec.decode(jpeg);

        assertThat(image.width()).isEqualTo(16);
        assertThat(image.height()).isEqualTo(32);
        assertThat(image.rgb().rgb(8, 8)[0]).isLessThan(10);
        assertThat(image.rgb().rgb(8, 24)[0]).isGreaterThan(245);
        assertThat(ExifOrientation.read(image.metadata().exif())).isEqualTo(1);
        assertThat(image.metadata().exif()).hasSameSizeAs(TestFiles.exif(6, false));
    }

    @Test
    void refuses_a_png_header_claiming_ten_billion_pixels_before_decoding() {
        byte[] bomb = TestFiles.pngHeaderOnly(100_000, 100_000);

        assertTimeoutPreemptively(Duration.ofMillis(500), () -> assertThatThrownBy(() -> codec.decode(bomb))
                .isInstanceOf(InputTooLargeException.class)
                .hasMessageContaining("100000x100000")
                .hasMessageContaining("10000000000 pixels")
                .hasMessageContaining(String.valueOf(ImageCodec.DEFAULT_MAX_PIXELS))
                .hasMessageContaining("maxPixels"));
    }

    @Test
    void refuses_images_above_a_configured_limit_in_every_format() {
        ImageCodec small = new ImageCodec(99);
        byte[] rgb = new byte[10 * 10 * 3];
        byte[][] files = {
                TestFiles.png(10, 10, TestFiles.RGB, 8, rgb),
                TestFiles.jpeg(10, 10, rgb, false, 0.9f),
                codec.encode(new RgbImage(10, 10, rgb), null, ImageFormat.WEBP, 90, null),
                codec.encode(new RgbImage(10, 10, rgb), null, ImageFormat.BMP, 90, null)};
        for (byte[] file : files) {
            assertThatThrownBy(() -> small.decode(file)).isInstanceOf(InputTooLargeException.class)
                    .hasMessageContaining("10x10 (100 pixels)");
            assertThatThrownBy(() -> small.decodeMask(file)).isInstanceOf(InputTooLargeException.class)
                    .hasMessageStartingWith("The mask is 10x10");
        }
        assertThat(new ImageCodec(100).decode(files[0]).width()).isEqualTo(10);
    }

    @Test
    void explains_what_is_wrong_with_bytes_that_are_not_an_image() {
        assertThatThrownBy(() -> codec.decode(new byte[0])).isExactlyInstanceOf(UnsupportedInputException.class)
                .hasMessage("The image could not be decoded: it is empty; send a PNG, JPEG or WebP file");
        assertThatThrownBy(() -> codec.decode("GIF89a......".getBytes()))
                .hasMessage("The image could not be decoded: GIF is not supported; send a PNG, JPEG or WebP file");
        assertThatThrownBy(() -> codec.decodeMask("data:image/png;base64,iVBO".getBytes()))
                .hasMessageStartingWith("The mask could not be decoded: it is a data URL");
        assertThatThrownBy(() -> codec.decode(bytes(1, 2, 3, 4, 5)))
                .hasMessageContaining("the format is not recognised (it starts with 01 02 03 04)");
    }

    @Test
    void refuses_a_truncated_png_with_a_clear_reason() {
        byte[] png = TestFiles.png(8, 8, TestFiles.RGB, 8, randomBytes(8 * 8 * 3, 3));
        byte[] truncated = java.util.Arrays.copyOf(png, png.length - 30);

        assertThatThrownBy(() -> codec.decode(truncated)).isExactlyInstanceOf(UnsupportedInputException.class)
                .hasMessage("The image could not be decoded: the PNG data is corrupt or truncated;"
                        + " send a PNG, JPEG or WebP file");
    }

    @Test
    void refuses_a_limit_outside_what_an_image_can_hold() {
        assertThatThrownBy(() -> new ImageCodec(0)).isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("between 1 and");
        assertThatThrownBy(() -> new ImageCodec(Long.MAX_VALUE)).isInstanceOf(UnsupportedInputException.class);
    }
}
