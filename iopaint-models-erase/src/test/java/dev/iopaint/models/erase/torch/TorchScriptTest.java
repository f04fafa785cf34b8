package dev.iopaint.models.erase.torch;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.DataType;
import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.RgbImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

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
}
