package dev.iopaint.models.erase.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TorchScriptTest {
    @TempDir
    Path dir;

    @Test
    void an_image_goes_through_a_module_and_back_with_layout_and_channel_order_intact() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("identity.pt"), "image: Tensor", "return image");
        byte[] pixels = new byte[4 * 2 * 3];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 10);
        }
        RgbImage image = new RgbImage(4, 2, pixels);

        try (TorchScript model = TorchScript.load(file, Device.CPU, "an identity module")) {
            RgbImage back = model.call(call -> {
                NDArray input = Tensors.image(call.manager(), image).toType(DataType.FLOAT32, false);
                return Tensors.toImage(call.forward(new NDList(input)).head(), 4, 2);
            });

            assertThat(back).isEqualTo(image);
        }
    }

    @Test
    void outputs_are_clipped_and_truncated_like_numpy_astype_uint8() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("scale.pt"), "image: Tensor",
                "return torch.add(torch.mul(image, 1.5), 0.9)");
        RgbImage image = new RgbImage(2, 1, new byte[] {0, 10, (byte) 200, 1, 2, 3});

        try (TorchScript model = TorchScript.load(file, Device.CPU, "a scaling module")) {
            RgbImage back = model.call(call -> Tensors.toImage(call.forward(new NDList(
                    Tensors.image(call.manager(), image).toType(DataType.FLOAT32, false))).head(), 2, 1));

            // 0*1.5+0.9 = 0.9 -> 0; 10 -> 15.9 -> 15; 200 -> 300.9 -> 255; 1 -> 2.4 -> 2; 2 -> 3.9 -> 3; 3 -> 5.4 -> 5
            assertThat(back.pixels()).containsExactly(0, 15, 255, 2, 3, 5);
        }
    }

    @Test
    void a_file_that_is_not_torchscript_is_refused_with_what_was_expected() throws Exception {
        Path file = Files.writeString(dir.resolve("big-lama.pt"), "<html>Not found</html>");

        assertThatThrownBy(() -> TorchScript.load(file, Device.CPU, "LaMa's big-lama.pt"))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a TorchScript archive").hasMessageContaining("LaMa's big-lama.pt");
    }

    @Test
    void a_missing_file_is_refused() {
        assertThatThrownBy(() -> TorchScript.load(dir.resolve("nope.pt"), Device.CPU, "LaMa"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("missing");
    }

    @Test
    void inputs_of_the_wrong_signature_fail_with_the_shapes_given() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("two.pt"), "image: Tensor, mask: Tensor",
                "return torch.mul(image, mask)");

        try (TorchScript model = TorchScript.load(file, Device.CPU, "a two-input module")) {
            assertThatThrownBy(() -> model.call(call -> call.forward(new NDList(
                    call.manager().ones(new ai.djl.ndarray.types.Shape(1, 3, 2, 2))))))
                    .isInstanceOf(InferenceFailedException.class).hasMessageContaining("a two-input module")
                    .hasMessageContaining("[(1, 3, 2, 2)]");
        }
    }

    @Test
    void channels_last_tensors_hold_the_same_values_and_keep_a_concatenation_channels_last() throws Exception {
        // Negates the concatenation unless it came out channels-last.
        Path file = TorchScriptFixtures.write(dir.resolve("layout.pt"), "image: Tensor, mask: Tensor", String.join("\n",
                "x = torch.cat([torch.to(image, 6), torch.to(mask, 6)], 1)",
                "if torch.is_contiguous(x, 2):",
                "  _1 = x",
                "else:",
                "  _1 = torch.neg(x)",
                "return _1"));
        RgbImage image = new RgbImage(3, 2, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18});
        Mask mask = new Mask(3, 2, new byte[] {0, (byte) 255, 0, 0, 0, (byte) 255});

        try (TorchScript model = TorchScript.load(file, Device.CPU, "a layout probe")) {
            float[] channelsLast = model.call(call -> call.forward(new NDList(
                    Tensors.imageChannelsLast(call.manager(), image), Tensors.maskChannelsLast(call.manager(), mask)))
                    .head().toFloatArray());
            float[] plain = model.call(call -> call.forward(new NDList(
                    Tensors.image(call.manager(), image), Tensors.mask(call.manager(), mask))).head().toFloatArray());

            // Channel by channel: red, green, blue, then the mask.
            assertThat(channelsLast).containsExactly(1, 4, 7, 10, 13, 16, 2, 5, 8, 11, 14, 17, 3, 6, 9, 12, 15, 18,
                    0, 255, 0, 0, 0, 255);
            for (int i = 0; i < plain.length; i++) {
                assertThat(plain[i]).as("the plain tensors' concatenation is contiguous").isEqualTo(-channelsLast[i]);
            }
        }
    }

    @Test
    void call_each_returns_the_results_in_the_items_order() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("double.pt"), "x: Tensor", "return torch.mul(x, 2)");

        try (TorchScript model = TorchScript.load(file, Device.CPU, "a doubling module")) {
            List<Float> results = model.callEach(List.of(1f, 2f, 3f, 4f, 5f), (call, value) -> call.forward(
                    new NDList(call.manager().create(new float[] {value}))).head().getFloat(0));

            assertThat(results).containsExactly(2f, 4f, 6f, 8f, 10f);
        }
    }

    @Test
    void call_each_runs_passes_side_by_side_sharing_out_the_callers_threads() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("id.pt"), "x: Tensor", "return x");
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(3);
        try (TorchScript model = TorchScript.load(file, Device.CPU, "an identity module")) {
            Map<Integer, String> threadNames = new ConcurrentHashMap<>();
            CountDownLatch bothRunning = new CountDownLatch(2);

            List<Integer> threads = model.callEach(List.of(0, 1), (call, item) -> {
                threadNames.put(item, Thread.currentThread().getName());
                bothRunning.countDown();
                await(bothRunning);
                call.forward(new NDList(call.manager().zeros(new Shape(1))));
                return JniUtils.getNumThreads();
            });

            // 3 threads over 2 passes: 2 and 1; the caller's count, and the one new threads start with, stay 3.
            assertThat(threads).containsExactlyInAnyOrder(2, 1);
            assertThat(threadNames.values()).doesNotContain(Thread.currentThread().getName()).doesNotHaveDuplicates();
            assertThat(JniUtils.getNumThreads()).isEqualTo(3);
            assertThat(CompletableFuture.supplyAsync(JniUtils::getNumThreads, runnable -> new Thread(runnable).start())
                    .get(10, TimeUnit.SECONDS)).isEqualTo(3);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void call_each_runs_no_more_passes_at_once_than_the_caller_has_threads() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("id.pt"), "x: Tensor", "return x");
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
        try (TorchScript model = TorchScript.load(file, Device.CPU, "an identity module")) {
            AtomicInteger running = new AtomicInteger();
            AtomicInteger most = new AtomicInteger();

            List<Integer> threads = model.callEach(List.of(0, 1, 2, 3, 4), (call, item) -> {
                most.accumulateAndGet(running.incrementAndGet(), Math::max);
                call.forward(new NDList(call.manager().zeros(new Shape(1))));
                sleep(50);
                running.decrementAndGet();
                return JniUtils.getNumThreads();
            });

            assertThat(most.get()).isEqualTo(2);
            assertThat(threads).containsOnly(1).hasSize(5);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void call_each_with_one_thread_runs_the_passes_in_the_callers_thread_one_after_the_other() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("id.pt"), "x: Tensor", "return x");
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(1);
        try (TorchScript model = TorchScript.load(file, Device.CPU, "an identity module")) {
            List<String> threadNames = model.callEach(List.of(0, 1, 2), (call, item) -> Thread.currentThread().getName());

            assertThat(threadNames).containsOnly(Thread.currentThread().getName()).hasSize(3);
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void call_each_passes_on_what_a_pass_throws() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("two.pt"), "image: Tensor, mask: Tensor",
                "return torch.mul(image, mask)");
        int before = JniUtils.getNumThreads();
        JniUtils.setNumThreads(2);
        try (TorchScript model = TorchScript.load(file, Device.CPU, "a two-input module")) {
            assertThatThrownBy(() -> model.callEach(List.of(1, 2), (call, inputs) -> call.forward(new NDList(
                    call.manager().ones(new Shape(inputs))))))
                    .isInstanceOf(InferenceFailedException.class).hasMessageContaining("a two-input module");
        } finally {
            JniUtils.setNumThreads(before);
        }
    }

    @Test
    void call_each_throws_only_after_every_other_pass_has_finished() throws Exception {
        Path file = TorchScriptFixtures.write(dir.resolve("slow.pt"), "image: Tensor, mask: Tensor",
                "return torch.mul(image, mask)");
        AtomicBoolean slowPassDone = new AtomicBoolean();
        CountDownLatch slowPassStarted = new CountDownLatch(1);
        try (TorchScript model = TorchScript.load(file, Device.CPU, "a two-input module")) {
            int before = JniUtils.getNumThreads(); // after the load, which starts the engine
            JniUtils.setNumThreads(2);
            try {
                assertThatThrownBy(() -> model.callEach(List.of(0, 1), (call, item) -> {
                    if (item == 0) {
                        await(slowPassStarted);
                        throw new IllegalStateException("the first pass fails at once");
                    }
                    slowPassStarted.countDown();
                    sleep(300);
                    slowPassDone.set(true);
                    return item;
                })).isInstanceOf(IllegalStateException.class).hasMessage("the first pass fails at once");
            } finally {
                JniUtils.setNumThreads(before);
            }

            assertThat(slowPassDone).as("the model may be closed as soon as callEach throws").isTrue();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).as("both passes started together").isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
