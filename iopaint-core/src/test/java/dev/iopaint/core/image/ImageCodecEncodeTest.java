package dev.iopaint.core.image;

import static dev.iopaint.core.image.TestFiles.bytes;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.awt.color.ColorSpace;
import java.awt.color.ICC_Profile;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ImageCodecEncodeTest {
    private static final String PARAMETERS = "a cat on a sofa\nNegative prompt: blurry\nSteps: 20, Sampler: DPM++ 2M";

    private final ImageCodec codec = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);

    /** A smooth gradient, so lossy formats stay close to it. */
    private static RgbImage gradient(int width, int height) {
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int i = (y * width + x) * 3;
                pixels[i] = (byte) (x * 255 / Math.max(1, width - 1));
                pixels[i + 1] = (byte) (y * 255 / Math.max(1, height - 1));
                pixels[i + 2] = (byte) 100;
            }
        }
        return new RgbImage(width, height, pixels);
    }

    private static RgbImage noise(int width, int height, long seed) {
        byte[] pixels = new byte[width * height * 3];
        new Random(seed).nextBytes(pixels);
        return new RgbImage(width, height, pixels);
    }

    private static byte[] alphaRamp(int n) {
        byte[] alpha = new byte[n];
        for (int i = 0; i < n; i++) {
            alpha[i] = (byte) (i * 7);
        }
        return alpha;
    }

    private static byte[] srgbProfile() {
        return ICC_Profile.getInstance(ColorSpace.CS_sRGB).getData();
    }

    @Test
    void round_trips_rgb_and_alpha_through_png_exactly() {
        RgbImage rgb = noise(7, 5, 1);
        byte[] alpha = alphaRamp(35);

        byte[] png = codec.encode(rgb, alpha, ImageFormat.PNG, 100, null);
        DecodedImage back = codec.decode(png);

        assertThat(ImageFormat.detect(png)).contains(ImageFormat.PNG);
        assertThat(back.rgb()).isEqualTo(rgb);
        assertThat(back.alpha()).isEqualTo(alpha);
    }

    @Test
    void round_trips_a_decoded_gray_alpha_png_exactly() {
        DecodedImage gray = codec.decode(TestFiles.png(2, 2, TestFiles.GRAY_ALPHA, 8, bytes(0, 255, 60, 128, 200, 1, 255, 0)));

        DecodedImage back = codec.decode(codec.encode(gray.rgb(), gray.alpha(), ImageFormat.PNG, 100, gray.metadata()));

        assertThat(back).isEqualTo(gray);
    }

    @Test
    void round_trips_a_decoded_palette_png_exactly() {
        byte[] plte = TestFiles.chunk("PLTE", bytes(9, 8, 7, 200, 100, 50));
        DecodedImage palette = codec.decode(TestFiles.png(2, 1, TestFiles.PALETTE, 8, bytes(0, 1), plte,
                TestFiles.chunk("tRNS", bytes(17))));

        DecodedImage back = codec.decode(codec.encode(palette.rgb(), palette.alpha(), ImageFormat.PNG, 100, null));

        assertThat(back.rgb()).isEqualTo(palette.rgb());
        assertThat(back.alpha()).isEqualTo(bytes(17, 255));
    }

    @Test
    void writes_webp_that_keeps_its_alpha_and_stays_close() {
        RgbImage rgb = gradient(32, 24);
        byte[] alpha = alphaRamp(32 * 24);

        DecodedImage back = codec.decode(codec.encode(rgb, alpha, ImageFormat.WEBP, 100, null));

        assertThat(back.format()).isEqualTo(ImageFormat.WEBP);
        assertThat(back.alpha()).isEqualTo(alpha);
        // libwebp (like Pillow's WebP writer) may change the colour under fully transparent pixels.
        int max = 0;
        for (int i = 0; i < alpha.length; i++) {
            for (int k = 0; alpha[i] != 0 && k < 3; k++) {
                max = Math.max(max, Math.abs((back.rgb().pixels()[i * 3 + k] & 0xFF) - (rgb.pixels()[i * 3 + k] & 0xFF)));
            }
        }
        assertThat(max).isLessThanOrEqualTo(12);
    }

    @Test
    void writes_bmp_exactly_and_without_alpha() {
        RgbImage rgb = noise(5, 3, 2);

        DecodedImage back = codec.decode(codec.encode(rgb, alphaRamp(15), ImageFormat.BMP, 100, null));

        assertThat(back.format()).isEqualTo(ImageFormat.BMP);
        assertThat(back.rgb()).isEqualTo(rgb);
        assertThat(back.alpha()).isNull();
    }

    @Test
    void drops_alpha_for_jpeg_which_cannot_hold_it() {
        DecodedImage back = codec.decode(codec.encode(gradient(16, 16), alphaRamp(256), ImageFormat.JPEG, 95, null));

        assertThat(back.alpha()).isNull();
        assertThat(maxDifference(back.rgb(), gradient(16, 16))).isLessThanOrEqualTo(12);
    }

    @Test
    void makes_smaller_jpegs_at_lower_quality() {
        RgbImage rgb = noise(64, 64, 3);

        int q100 = codec.encode(rgb, null, ImageFormat.JPEG, 100, null).length;
        int q75 = codec.encode(rgb, null, ImageFormat.JPEG, 75, null).length;
        int q30 = codec.encode(rgb, null, ImageFormat.JPEG, 30, null).length;

        assertThat(q100).isGreaterThan(q75);
        assertThat(q75).isGreaterThan(q30);
    }

    @Test
    void makes_smaller_webps_at_lower_quality() {
        RgbImage rgb = noise(64, 64, 4);

        assertThat(codec.encode(rgb, null, ImageFormat.WEBP, 100, null).length)
                .isGreaterThan(codec.encode(rgb, null, ImageFormat.WEBP, 50, null).length);
    }

    @Test
    void carries_icc_exif_and_parameters_from_png_to_png() {
        byte[] iccp = TestFiles.concat("sRGB\0\0".getBytes(), Bytes.deflate(srgbProfile()));
        byte[] input = TestFiles.png(4, 4, TestFiles.RGB, 8, noise(4, 4, 5).pixels(),
                TestFiles.chunk("iCCP", iccp),
                TestFiles.exifChunk(TestFiles.exif(1, true)),
                TestFiles.textChunk("parameters", PARAMETERS),
                TestFiles.zTxtChunk("Comment", "compressed words"));

        DecodedImage decoded = codec.decode(input);
        DecodedImage back = codec.decode(codec.encode(decoded.rgb(), null, ImageFormat.PNG, 100, decoded.metadata()));

        assertThat(decoded.metadata().iccProfile()).isEqualTo(srgbProfile());
        assertThat(decoded.metadata().exif()).isEqualTo(TestFiles.exif(1, true));
        assertThat(decoded.metadata().pngText())
                .isEqualTo(Map.of("parameters", PARAMETERS, "Comment", "compressed words"));
        assertThat(back.metadata().iccProfile()).isEqualTo(srgbProfile());
        assertThat(back.metadata().exif()).isEqualTo(TestFiles.exif(1, true));
        assertThat(back.metadata().pngText()).as("only parameters is written back, as IOPaint does")
                .isEqualTo(Map.of("parameters", PARAMETERS));
        assertThat(back.rgb()).isEqualTo(decoded.rgb());
    }

    @Test
    void writes_parameters_that_are_not_latin1_as_utf8_itxt() {
        ImageMetadata metadata = new ImageMetadata(null, null, Map.of("parameters", "猫 on a sofa"));

        byte[] png = codec.encode(gradient(3, 3), null, ImageFormat.PNG, 100, metadata);

        assertThat(new String(png, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("iTXtparameters");
        assertThat(codec.decode(png).metadata().parameters()).contains("猫 on a sofa");
    }

    @Test
    void carries_exif_and_a_multi_segment_icc_profile_through_jpeg() {
        byte[] bigProfile = new byte[150_000];
        new Random(6).nextBytes(bigProfile);
        ImageMetadata metadata = new ImageMetadata(TestFiles.exif(1, false), bigProfile, null);

        byte[] jpeg = codec.encode(gradient(16, 8), null, ImageFormat.JPEG, 90, metadata);
        DecodedImage back = codec.decode(jpeg);

        assertThat(countIccSegments(jpeg)).isEqualTo(3);
        assertThat(back.metadata().iccProfile()).isEqualTo(bigProfile);
        assertThat(back.metadata().exif()).isEqualTo(TestFiles.exif(1, false));
        assertThat(back.width()).isEqualTo(16);
    }

    @Test
    void reads_metadata_from_a_jpeg_written_elsewhere() {
        byte[] jpeg = TestFiles.withExifSegment(TestFiles.jpeg(8, 8, new byte[8 * 8 * 3], false, 0.9f),
                TestFiles.exif(1, true));

        assertThat(codec.decode(jpeg).metadata().exif()).isEqualTo(TestFiles.exif(1, true));
    }

    @Test
    void carries_exif_and_icc_through_webp_with_and_without_alpha() {
        ImageMetadata metadata = new ImageMetadata(TestFiles.exif(1, true), srgbProfile(), null);
        for (byte[] alpha : new byte[][] {null, alphaRamp(12 * 10)}) {
            byte[] webp = codec.encode(gradient(12, 10), alpha, ImageFormat.WEBP, 90, metadata);
            DecodedImage back = codec.decode(webp);

            assertThat(new String(webp, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("VP8X");
            assertThat(back.metadata().iccProfile()).isEqualTo(srgbProfile());
            assertThat(back.metadata().exif()).isEqualTo(TestFiles.exif(1, true));
            assertThat(back.width()).isEqualTo(12);
            assertThat(back.hasAlpha()).isEqualTo(alpha != null);
        }
    }

    @ParameterizedTest
    @EnumSource(value = ImageFormat.class, names = {"PNG", "JPEG", "WEBP"})
    void resets_exif_orientation_to_upright_on_output(ImageFormat format) {
        ImageMetadata rotated = new ImageMetadata(TestFiles.exif(6, false), null, null);

        byte[] encoded = codec.encode(gradient(6, 4), null, format, 95, rotated);
        DecodedImage back = codec.decode(encoded);

        assertThat(back.width()).as("pixels are not turned again").isEqualTo(6);
        assertThat(back.metadata().exif()).isEqualTo(TestFiles.exif(1, false));
    }

    @Test
    void accepts_exif_with_the_jpeg_prefix() {
        byte[] prefixed = TestFiles.concat("Exif\0\0".getBytes(), TestFiles.exif(3, true));

        assertThat(new ImageMetadata(prefixed, null, null).exif()).isEqualTo(TestFiles.exif(3, true));
    }

    @Test
    void refuses_a_quality_outside_1_to_100() {
        assertThatThrownBy(() -> codec.encode(gradient(2, 2), null, ImageFormat.JPEG, 0, null))
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("between 1 and 100, got 0");
        assertThatThrownBy(() -> codec.encode(gradient(2, 2), null, ImageFormat.JPEG, 101, null))
                .isInstanceOf(UnsupportedInputException.class);
    }

    @Test
    void refuses_an_alpha_channel_of_the_wrong_size() {
        assertThatThrownBy(() -> codec.encode(gradient(4, 4), new byte[15], ImageFormat.PNG, 100, null))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessage("The alpha channel has 15 values but the 4x4 image needs 16; resize it to the image first");
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    private static int countIccSegments(byte[] jpeg) {
        String text = new String(jpeg, java.nio.charset.StandardCharsets.ISO_8859_1);
        int count = 0;
        for (int i = text.indexOf("ICC_PROFILE"); i >= 0; i = text.indexOf("ICC_PROFILE", i + 1)) {
            count++;
        }
        return count;
    }
}
