package dev.iopaint.core.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import java.util.Random;
import javax.imageio.plugins.jpeg.JPEGQTable;
import org.junit.jupiter.api.Test;
import org.opencv.core.Mat;
import org.opencv.core.MatOfByte;
import org.opencv.core.MatOfInt;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

class JpegWriterTest {
    static {
        OpenCv.load();
    }

    private static RgbImage noisyGradient(int width, int height, long seed) {
        Random random = new Random(seed);
        byte[] pixels = new byte[width * height * 3];
        for (int y = 0, i = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                pixels[i++] = (byte) (x * 255 / width + random.nextInt(24));
                pixels[i++] = (byte) (y * 255 / height + random.nextInt(24));
                pixels[i++] = (byte) random.nextInt(256);
            }
        }
        return new RgbImage(width, height, pixels);
    }

    /** What libjpeg-turbo inside OpenCV writes for the same pixels, which is what IOPaint's Pillow writes too. */
    private static byte[] imencode(RgbImage image, int quality) {
        Mat rgb = Mats.of(image);
        Mat bgr = new Mat();
        MatOfByte out = new MatOfByte();
        MatOfInt params = new MatOfInt(Imgcodecs.IMWRITE_JPEG_QUALITY, quality);
        try {
            Imgproc.cvtColor(rgb, bgr, Imgproc.COLOR_RGB2BGR);
            assertThat(Imgcodecs.imencode(".jpg", bgr, out, params)).isTrue();
            return out.toArray();
        } finally {
            rgb.release();
            bgr.release();
            out.release();
            params.release();
        }
    }

    @Test
    void writes_the_same_bytes_as_libjpeg_at_every_quality() {
        RgbImage image = noisyGradient(24, 17, 1);
        for (int quality = 1; quality <= 100; quality++) {
            assertThat(JpegWriter.write(image, quality)).as("quality %d", quality).isEqualTo(imencode(image, quality));
        }
    }

    @Test
    void writes_the_same_bytes_as_libjpeg_for_odd_and_tiny_sizes() {
        int[][] sizes = {{1, 1}, {7, 3}, {17, 9}, {333, 211}};
        for (int[] size : sizes) {
            RgbImage image = noisyGradient(size[0], size[1], size[0]);
            for (int quality : new int[] {30, 85, 95, 100}) {
                assertThat(JpegWriter.write(image, quality)).as("%dx%d at %d", size[0], size[1], quality)
                        .isEqualTo(imencode(image, quality));
            }
        }
    }

    @Test
    void scales_the_tables_in_integers_as_jpeg_set_quality_does() {
        // Luminance entries 16 and 55 (row 1) at quality 85 (30%): (16*30+50)/100 = 5, (55*30+50)/100 = 17,
        // where ImageIO's float scaling gives 16 (0.29999995 * 55 = 16.4999...).
        int[] q85 = JpegWriter.scaled(JPEGQTable.K1Luminance, 85).getTable();
        assertThat(q85[0]).isEqualTo(5);
        assertThat(q85[15]).isEqualTo(17);
        // Quality 30 (166%): 16 -> 27; quality 1 (5000%) clamps to the baseline limit of 255.
        assertThat(JpegWriter.scaled(JPEGQTable.K1Luminance, 30).getTable()[0]).isEqualTo(27);
        assertThat(JpegWriter.scaled(JPEGQTable.K1Luminance, 1).getTable()).containsOnly(255, 255);
        assertThat(JpegWriter.scaled(JPEGQTable.K2Chrominance, 100).getTable()).containsOnly(1);
    }

    @Test
    void writes_a_baseline_4_2_0_jfif_file() {
        byte[] jpeg = JpegWriter.write(noisyGradient(32, 32, 2), 100);
        // SOI, then APP0 "JFIF" version 1.01 as libjpeg writes it.
        assertThat(jpeg[0] & 0xFF).isEqualTo(0xFF);
        assertThat(jpeg[1] & 0xFF).isEqualTo(0xD8);
        assertThat(new String(jpeg, 6, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("JFIF");
        assertThat(new int[] {jpeg[11], jpeg[12]}).containsExactly(1, 1);
        int sof = indexOfMarker(jpeg, 0xC0);
        assertThat(sof).as("a baseline SOF0 frame").isPositive();
        // Three components; Y sampled 2x2, Cb and Cr 1x1.
        assertThat(jpeg[sof + 9] & 0xFF).isEqualTo(3);
        assertThat(jpeg[sof + 11] & 0xFF).isEqualTo(0x22);
        assertThat(jpeg[sof + 14] & 0xFF).isEqualTo(0x11);
        assertThat(jpeg[sof + 17] & 0xFF).isEqualTo(0x11);
    }

    @Test
    void reads_the_pixels_in_place_and_leaves_them_untouched() {
        RgbImage image = noisyGradient(40, 30, 3);
        byte[] before = image.pixels().clone();

        JpegWriter.write(image, 90);

        assertThat(image.pixels()).isEqualTo(before);
    }

    @Test
    void refuses_a_side_longer_than_jpeg_allows() {
        RgbImage wide = new RgbImage(JpegWriter.MAX_SIDE + 1, 1, new byte[(JpegWriter.MAX_SIDE + 1) * 3]);

        assertThatThrownBy(() -> JpegWriter.write(wide, 90))
                .isInstanceOf(UnsupportedInputException.class)
                .hasMessageContaining("65500 pixels a side");
    }

    private static int indexOfMarker(byte[] jpeg, int marker) {
        for (int i = 2; i < jpeg.length - 1; i++) {
            if ((jpeg[i] & 0xFF) == 0xFF && (jpeg[i + 1] & 0xFF) == marker) {
                return i;
            }
        }
        return -1;
    }
}
