package dev.iopaint.models.erase.lama;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.pytorch.jni.JniUtils;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.models.erase.torch.TorchScript;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;
import dev.iopaint.models.erase.torch.Tensors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class LamaModelTest {
    private static final InpaintRequest REQUEST = InpaintRequest.defaults();
    /** LaMa's shape in miniature: two convolutions and a sigmoid pasted into the holes. */
    private static final String CONVOLVING = String.join("\n",
            "w1 = torch.mul(torch.ones([8, 4, 3, 3]), 0.05)",
            "w2 = torch.mul(torch.ones([3, 8, 3, 3]), 0.05)",
            "m = torch.to(mask, 6)",
            "x = torch.cat([torch.mul(image, torch.rsub(m, 1)), m], 1)",
            "h = torch.relu(torch.conv2d(x, w1, None, [1, 1], [1, 1], [1, 1], 1))",
            "y = torch.sigmoid(torch.sub(torch.conv2d(h, w2, None, [1, 1], [1, 1], [1, 1], 1), 1.0))",
            "return torch.add(torch.mul(y, m), torch.mul(image, torch.rsub(m, 1)))");

    @TempDir
    Path modelDir;

    @Test
    void an_identity_module_gives_back_every_pixel_inside_and_outside_the_mask() throws Exception {
        LamaFixtures.writeBigLama(modelDir, "return image");
        RgbImage image = LamaFixtures.pattern(24, 16);
        Mask mask = LamaFixtures.rectangle(24, 16, 4, 2, 12, 10, 255);

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            assertThat(model.forward(image, mask, REQUEST)).isEqualTo(image);
        }
    }

    @Test
    void the_module_sees_one_wherever_the_mask_is_above_zero() throws Exception {
        LamaFixtures.writeBigLama(modelDir, "return torch.cat([mask, mask, mask], 1)");
        Mask mask = new Mask(5, 1, new byte[] {0, 1, 127, (byte) 128, (byte) 255});

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            RgbImage result = model.forward(LamaFixtures.pattern(5, 1), mask, REQUEST);

            assertThat(result.pixels()).containsExactly(0, 0, 0, 255, 255, 255, 255, 255, 255, 255, 255, 255,
                    255, 255, 255);
        }
    }

    @Test
    void the_mask_arrives_as_int64_and_the_image_as_float32_as_iopaint_passes_them() throws Exception {
        // 8-byte elements give 8/32, 4-byte ones 4/32, 1-byte ones 1/32; a floating mask adds 1/2.
        LamaFixtures.writeBigLama(modelDir, "return torch.add(torch.zeros_like(image), "
                + "float(mask.element_size()) / 32.0 + float(torch.is_floating_point(mask)) / 2.0 "
                + "+ float(image.element_size()) / 128.0)");
        Mask mask = LamaFixtures.rectangle(4, 4, 0, 0, 2, 2, 255);

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            RgbImage result = model.forward(LamaFixtures.pattern(4, 4), mask, REQUEST);

            // int64 mask, float32 image: (8/32 + 4/128) * 255 = 71.71875 -> 71
            assertThat(result.pixels()).containsOnly(71);
        }
    }

    @Test
    void an_output_of_one_half_becomes_127_by_truncation() throws Exception {
        LamaFixtures.writeBigLama(modelDir, "return torch.mul(torch.ones_like(image), 0.5)");

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            RgbImage result = model.forward(LamaFixtures.pattern(8, 8), LamaFixtures.rectangle(8, 8, 0, 0, 8, 8, 255),
                    REQUEST);

            assertThat(result.pixels()).containsOnly(127);
        }
    }

    @Test
    void image_and_mask_go_in_channels_last_so_the_network_runs_channels_last() throws Exception {
        // One half where the concatenation LaMa starts with comes out channels-last, zero where it does not.
        LamaFixtures.writeBigLama(modelDir, String.join("\n",
                "x = torch.cat([image, torch.to(mask, 6)], 1)",
                "if torch.is_contiguous(x, 2):",
                "  _1 = torch.mul(torch.ones_like(image), 0.5)",
                "else:",
                "  _1 = torch.zeros_like(image)",
                "return _1"));

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            RgbImage result = model.forward(LamaFixtures.pattern(16, 8), LamaFixtures.rectangle(16, 8, 2, 2, 6, 6, 255),
                    REQUEST);

            assertThat(result.pixels()).containsOnly(127);
        }
    }

    @Test
    void windows_run_side_by_side_within_2_levels_of_iopaints_plain_float32_forward() throws Exception {
        Path file = LamaFixtures.writeBigLama(modelDir, CONVOLVING);
        List<RgbImage> images = List.of(LamaFixtures.pattern(48, 24), LamaFixtures.pattern(32, 40),
                LamaFixtures.pattern(16, 16));
        List<Mask> masks = List.of(LamaFixtures.rectangle(48, 24, 4, 4, 30, 20, 255),
                LamaFixtures.rectangle(32, 40, 0, 10, 20, 40, 255), LamaFixtures.rectangle(16, 16, 3, 3, 9, 9, 255));
        int before = JniUtils.getNumThreads();
        // Two intra-op threads, so the windows really run side by side whatever this machine has.
        JniUtils.setNumThreads(2);
        try (InpaintModel sideBySide = load("lama", LoadOptions.CPU);
             InpaintModel oneByOne = load("lama", lowMemory());
             TorchScript plain = TorchScript.load(file, Device.CPU, "the convolving stand-in")) {
            List<RgbImage> together = sideBySide.forwardEach(images, masks, REQUEST);
            List<RgbImage> inTurn = oneByOne.forwardEach(images, masks, REQUEST);

            for (int i = 0; i < images.size(); i++) {
                RgbImage expected = plainForward(plain, images.get(i), masks.get(i));
                assertThat(maxDifference(together.get(i), expected)).as("window %d side by side", i).isLessThanOrEqualTo(2);
                assertThat(maxDifference(inTurn.get(i), expected)).as("window %d in turn", i).isLessThanOrEqualTo(2);
            }
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void runs_on_the_cpu_when_cuda_is_asked_for_on_a_machine_without_a_gpu() throws Exception {
        assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a GPU");
        LamaFixtures.writeBigLama(modelDir, "return image");
        RgbImage image = LamaFixtures.pattern(16, 8);

        try (InpaintModel model = load("lama", LoadOptions.CPU.withDevice(Device.CUDA))) {
            assertThat(model.forward(image, Mask.empty(16, 8), REQUEST)).isEqualTo(image);
        }
    }

    @Test
    void anime_lama_loads_its_own_file() throws Exception {
        TorchScriptFixtures.write(LamaFixtures.checkpoint(modelDir, "anime-manga-big-lama.pt"),
                LamaFixtures.PARAMETERS, "return torch.mul(torch.ones_like(image), 0.25)");

        try (InpaintModel model = load("anime-lama", LoadOptions.CPU)) {
            assertThat(model.info().name()).isEqualTo("anime-lama");
            assertThat(model.padRules().modulo()).isEqualTo(8);
            assertThat(model.forward(LamaFixtures.pattern(8, 8), Mask.empty(8, 8), REQUEST).pixels())
                    .containsOnly(63);
        }
    }

    @Test
    void a_missing_file_is_named_with_the_command_that_downloads_it() {
        assertThatThrownBy(() -> load("lama", LoadOptions.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(LamaFixtures.checkpoint(modelDir, "big-lama.pt").toString())
                .hasMessageContaining("iopaint download --model lama");
    }

    @Test
    void a_file_that_is_not_torchscript_says_what_was_expected() throws Exception {
        Path file = LamaFixtures.checkpoint(modelDir, "big-lama.pt");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "<html>rate limited</html>");

        assertThatThrownBy(() -> load("lama", LoadOptions.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a TorchScript archive")
                .hasMessageContaining("forward(image [1,3,H,W] float32 0..1, mask [1,1,H,W]");
    }

    @Test
    void a_module_with_the_wrong_signature_fails_saying_which_signature_is_expected() throws Exception {
        TorchScriptFixtures.write(LamaFixtures.checkpoint(modelDir, "big-lama.pt"), "image: Tensor", "return image");

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            assertThatThrownBy(() -> model.forward(LamaFixtures.pattern(8, 8), Mask.empty(8, 8), REQUEST))
                    .isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("big-lama.pt")
                    .hasMessageContaining(LamaModel.SIGNATURE);
        }
    }

    @Test
    void a_module_returning_the_wrong_shape_fails_saying_which_shape_is_expected() throws Exception {
        LamaFixtures.writeBigLama(modelDir, "return mask");

        try (InpaintModel model = load("lama", LoadOptions.CPU)) {
            assertThatThrownBy(() -> model.forward(LamaFixtures.pattern(8, 8), Mask.empty(8, 8), REQUEST))
                    .isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("(1, 1, 8, 8)")
                    .hasMessageContaining(LamaModel.SIGNATURE);
        }
    }

    @Test
    void two_hundred_requests_in_a_row_do_not_grow_native_memory() throws Exception {
        LamaFixtures.writeBigLama(modelDir, LamaFixtures.FILL_HALF_GREY);
        RgbImage image = LamaFixtures.pattern(256, 256);
        Mask mask = LamaFixtures.rectangle(256, 256, 64, 64, 192, 192, 255);

        try (InpaintModel model = load("lama", LoadOptions.CPU);
             NDManager probe = Engine.getEngine("PyTorch").newBaseManager()) {
            // Every DJL PyTorch manager hangs off the engine's system manager, so its arrays count all live tensors.
            NDManager system = probe.getParentManager();
            inpaint(model, image, mask, 40);
            int arraysBefore = system.getManagedArrays().size();
            long rssBefore = residentKilobytes();

            inpaint(model, image, mask, 200);

            assertThat(system.getManagedArrays()).hasSize(arraysBefore);
            assertThat(residentKilobytes() - rssBefore).as("RSS growth in kB").isLessThan(30 * 1024);
        }
    }

    /**
     * Collects the Java heap every few calls: otherwise the heap touches fresh pages for the images' byte arrays
     * until its first collection, and RSS grows by the size of the young generation without any native leak.
     */
    private static void inpaint(InpaintModel model, RgbImage image, Mask mask, int times) {
        for (int i = 1; i <= times; i++) {
            model.forward(image, mask, REQUEST);
            if (i % 20 == 0) {
                System.gc();
            }
        }
    }

    /** IOPaint's tensors as numpy leaves them (a transposed view and a plain mask), one forward, clip and truncate. */
    private static RgbImage plainForward(TorchScript plain, RgbImage image, Mask mask) {
        return plain.call(call -> {
            NDArray pixels = Tensors.image(call.manager(), image).toType(DataType.FLOAT32, false).div(255f);
            NDArray holes = Tensors.mask(call.manager(), mask).gt(0).toType(DataType.INT64, false);
            return Tensors.toImage(call.forward(new NDList(pixels, holes)).head().mul(255f), image.width(),
                    image.height());
        });
    }

    private static int maxDifference(RgbImage a, RgbImage b) {
        assertThat(a.width()).isEqualTo(b.width());
        assertThat(a.height()).isEqualTo(b.height());
        int max = 0;
        for (int i = 0; i < a.pixels().length; i++) {
            max = Math.max(max, Math.abs((a.pixels()[i] & 0xFF) - (b.pixels()[i] & 0xFF)));
        }
        return max;
    }

    private static LoadOptions lowMemory() {
        return new LoadOptions(Device.CPU, false, true, false, false, false, false, Map.of());
    }

    private InpaintModel load(String name, LoadOptions options) {
        return new LamaProvider().load(ModelInfo.erase(name), options, LamaFixtures.store(modelDir));
    }

    private static long residentKilobytes() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(line -> line.startsWith("VmRSS:"))
                .mapToLong(line -> Long.parseLong(line.replaceAll("\\D", "")))
                .findFirst().orElseThrow();
    }
}
