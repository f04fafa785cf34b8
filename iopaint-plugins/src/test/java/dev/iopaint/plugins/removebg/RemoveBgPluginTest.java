package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Device;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.image.ImageCodec;
import dev.iopaint.plugins.TestWeights;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** RemoveBG on the real U^2-Netp weights, loaded once for the class. */
class RemoveBgPluginTest {
    private static final ImageCodec CODEC = new ImageCodec(ImageCodec.DEFAULT_MAX_PIXELS);
    private static final SyntheticScene SCENE = SyntheticScene.make(512, 384);

    @TempDir
    static Path models;
    private static Plugin plugin;

    @BeforeAll
    static void load() {
        plugin = new RemoveBgProvider().load(RemoveBgProvider.U2NETP, Device.CPU, storeWithTestWeights(models));
    }

    @AfterAll
    static void close() {
        plugin.close();
    }

    static DefaultModelStore storeWithTestWeights(Path dir) {
        return new DefaultModelStore(new ModelDirectory(dir), DownloadSettings.defaults()
                .withOverrides(Map.of("U2NETP_MODEL_URL", TestWeights.u2netp().toString())));
    }

    @Test
    void masks_the_salient_disc_of_a_synthetic_scene_and_leaves_out_the_square_and_the_texture() {
        Mask mask = plugin.genMask(SCENE.image(), PluginRequest.NONE);

        assertThat(SyntheticScene.iou(mask, SCENE.disc())).isGreaterThan(0.9);
        assertThat(SyntheticScene.covered(mask, SCENE.square())).isLessThan(0.05);
    }

    @Test
    void gives_the_matte_iopaints_rembg_pipeline_gives_for_a_photograph() throws IOException {
        // fruits-u2netp-mask.png was made by make_reference.py (next to it), rembg's steps with PIL and numpy.
        RgbImage photo = CODEC.decode(Files.readAllBytes(Path.of("../testdata/photos/fruits.jpg"))).rgb();
        Mask expected;
        try (InputStream in = getClass().getResourceAsStream("fruits-u2netp-mask.png")) {
            expected = CODEC.decodeMask(in.readAllBytes());
        }

        Mask mask = plugin.genMask(photo, PluginRequest.NONE);

        // Bit for bit here; other CPUs' float kernels may move a level or two.
        assertThat(mask.width()).isEqualTo(512);
        assertThat(mask.height()).isEqualTo(480);
        assertThat(maxDifference(mask.values(), expected.values())).isLessThanOrEqualTo(2);
        assertThat(SyntheticScene.iou(mask, selected(expected))).isGreaterThan(0.99);
    }

    @Test
    void cuts_out_with_the_mask_as_alpha_and_black_where_transparent() {
        Mask mask = plugin.genMask(SCENE.image(), PluginRequest.NONE);

        PluginImage cutout = plugin.genImage(SCENE.image(), PluginRequest.NONE);

        assertThat(cutout.alpha()).contains(mask);
        byte[] rgb = cutout.image().pixels();
        byte[] original = SCENE.image().pixels();
        int transparent = 0;
        int opaque = 0;
        for (int pixel = 0; pixel < mask.values().length; pixel++) {
            int alpha = mask.values()[pixel] & 0xFF;
            for (int c = pixel * 3; c < pixel * 3 + 3; c++) {
                // c * alpha / 255 is never halfway (255 is odd), so rounding it is PIL's integer blend exactly.
                assertThat(rgb[c] & 0xFF).isEqualTo((int) Math.round((original[c] & 0xFF) * alpha / 255.0));
            }
            transparent += alpha == 0 ? 1 : 0;
            opaque += alpha >= 250 ? 1 : 0;
        }
        assertThat(transparent).as("fully transparent pixels").isGreaterThan(mask.values().length / 2);
        assertThat(opaque).as("nearly opaque pixels").isGreaterThan(mask.values().length / 5);
    }

    @Test
    void answers_at_the_size_of_the_image_for_odd_sizes() {
        RgbImage odd = SyntheticScene.make(317, 211).image();

        Mask mask = plugin.genMask(odd, PluginRequest.NONE);
        PluginImage cutout = plugin.genImage(odd, PluginRequest.NONE);

        assertThat(mask.width()).isEqualTo(317);
        assertThat(mask.height()).isEqualTo(211);
        assertThat(cutout.image().width()).isEqualTo(317);
        assertThat(cutout.image().height()).isEqualTo(211);
    }

    @Test
    void gives_the_same_matte_to_concurrent_calls() throws Exception {
        RgbImage small = SyntheticScene.make(160, 120).image();
        Mask alone = plugin.genMask(small, PluginRequest.NONE);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<Mask>> runs = pool.invokeAll(List.of(
                    () -> plugin.genMask(small, PluginRequest.NONE),
                    () -> plugin.genMask(small, PluginRequest.NONE)));
            for (Future<Mask> run : runs) {
                assertThat(run.get()).isEqualTo(alone);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void names_its_model() {
        assertThat(plugin.model()).isEqualTo("u2netp");
    }

    private static boolean[] selected(Mask mask) {
        boolean[] selected = new boolean[mask.values().length];
        for (int i = 0; i < selected.length; i++) {
            selected[i] = (mask.values()[i] & 0xFF) >= 128;
        }
        return selected;
    }

    private static int maxDifference(byte[] a, byte[] b) {
        int max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        return max;
    }
}
