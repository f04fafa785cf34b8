package dev.iopaint.models.erase.cv2;

import dev.iopaint.api.Cv2Flag;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.core.image.Mats;
import dev.iopaint.core.image.OpenCv;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.opencv.core.Mat;
import org.opencv.imgcodecs.Imgcodecs;
import org.opencv.imgproc.Imgproc;

import static org.assertj.core.api.Assertions.assertThat;

class Cv2ModelTest {
    private static final int X0 = 400, Y0 = 100, SIZE = 40, RING = 6;
    private static RgbImage photo;

    @BeforeAll
    static void readPhotograph() {
        OpenCv.load();
        Mat bgr = Imgcodecs.imread("../testdata/photos/building.jpg");
        Mat rgb = new Mat();
        Imgproc.cvtColor(bgr, rgb, Imgproc.COLOR_BGR2RGB);
        photo = Mats.toImage(rgb);
        bgr.release();
        rgb.release();
    }

    @ParameterizedTest
    @EnumSource(Cv2Flag.class)
    void repaints_a_hole_in_a_photograph_from_its_surroundings_and_leaves_the_rest_untouched(Cv2Flag flag) {
        Mask mask = square();
        RgbImage holed = paintedMagenta(photo, mask);

        RgbImage result = model().forward(holed, mask, InpaintRequest.builder().cv2Flag(flag).build());

        for (int y = 0; y < photo.height(); y++) {
            for (int x = 0; x < photo.width(); x++) {
                if (mask.value(x, y) == 0) {
                    assertThat(result.rgb(x, y)).as("unmasked pixel %d,%d", x, y).isEqualTo(holed.rgb(x, y));
                }
            }
        }
        double[] inside = meanColour(result, X0, Y0, SIZE, 0);
        double[] ring = meanColour(photo, X0 - RING, Y0 - RING, SIZE + 2 * RING, RING);
        for (int c = 0; c < 3; c++) {
            assertThat(inside[c]).as("channel %d", c).isCloseTo(ring[c], org.assertj.core.data.Offset.offset(25.0));
        }
    }

    @ParameterizedTest
    @EnumSource(Cv2Flag.class)
    void gives_the_same_pixels_for_rgb_as_opencv_gives_for_bgr(Cv2Flag flag) {
        Mask mask = square();
        InpaintRequest request = InpaintRequest.builder().cv2Flag(flag).cv2Radius(5).build();

        RgbImage fromRgb = model().forward(photo, mask, request);
        RgbImage fromBgr = model().forward(swapRedBlue(photo), mask, request);

        assertThat(swapRedBlue(fromBgr)).isEqualTo(fromRgb);
    }

    private static InpaintModel model() {
        return new Cv2Provider().load(ModelInfo.erase("cv2"), LoadOptions.CPU, null);
    }

    private static Mask square() {
        byte[] values = new byte[photo.width() * photo.height()];
        for (int y = Y0; y < Y0 + SIZE; y++) {
            for (int x = X0; x < X0 + SIZE; x++) {
                values[y * photo.width() + x] = (byte) 255;
            }
        }
        return new Mask(photo.width(), photo.height(), values);
    }

    private static RgbImage paintedMagenta(RgbImage image, Mask mask) {
        byte[] pixels = image.pixels().clone();
        for (int i = 0; i < mask.values().length; i++) {
            if (mask.values()[i] != 0) {
                pixels[3 * i] = (byte) 255;
                pixels[3 * i + 1] = 0;
                pixels[3 * i + 2] = (byte) 255;
            }
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    private static RgbImage swapRedBlue(RgbImage image) {
        byte[] pixels = image.pixels().clone();
        for (int i = 0; i < pixels.length; i += 3) {
            byte red = pixels[i];
            pixels[i] = pixels[i + 2];
            pixels[i + 2] = red;
        }
        return new RgbImage(image.width(), image.height(), pixels);
    }

    /** Mean colour of a square, or of the band of the given width along its edge when {@code band > 0}. */
    private static double[] meanColour(RgbImage image, int x0, int y0, int size, int band) {
        double[] sum = new double[3];
        int count = 0;
        for (int y = y0; y < y0 + size; y++) {
            for (int x = x0; x < x0 + size; x++) {
                boolean inBand = x < x0 + band || x >= x0 + size - band || y < y0 + band || y >= y0 + size - band;
                if (band == 0 || inBand) {
                    int[] rgb = image.rgb(x, y);
                    for (int c = 0; c < 3; c++) {
                        sum[c] += rgb[c];
                    }
                    count++;
                }
            }
        }
        for (int c = 0; c < 3; c++) {
            sum[c] /= count;
        }
        return sum;
    }
}
