package dev.iopaint.core.scan;

import static dev.iopaint.core.scan.Fixtures.INPAINT;
import static dev.iopaint.core.scan.Fixtures.UNET_INPUT_CONV;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.iopaint.api.ModelLoadException;
import dev.iopaint.core.scan.SafetensorsHeader.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

class SafetensorsHeaderTest {
    @TempDir
    Path dir;

    @Test
    void reads_each_tensor_with_its_dtype_shape_and_offsets() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("unet.safetensors"), Fixtures.unet(INPAINT));

        SafetensorsHeader header = SafetensorsHeader.read(file);

        // 320*9*3*3 = 25920 halves = 51840 bytes, then the 4-element bias.
        assertThat(header.tensors()).containsExactly(
                Map.entry(UNET_INPUT_CONV, new Tensor("F16", List.of(320L, 9L, 3L, 3L), 0, 51840)),
                Map.entry("model.diffusion_model.out.2.bias", new Tensor("F16", List.of(4L), 51840, 51848)));
        assertThat(header.metadata()).containsExactly(Map.entry("format", "pt"));
        assertThat(header.dataStart()).isEqualTo(Files.size(file) - 51848);
        assertThat(header.tensor(UNET_INPUT_CONV).map(Tensor::shape)).contains(List.of(320L, 9L, 3L, 3L));
        assertThat(header.tensor("missing")).isEmpty();
    }

    @Test
    void accepts_an_empty_data_section_when_every_tensor_is_empty() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("empty.safetensors"),
                "{\"x\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}", 0);

        assertThat(SafetensorsHeader.read(file).tensor("x").map(Tensor::shape)).contains(List.of(0L, 3L));
    }

    @Test
    void rejects_a_file_shorter_than_the_length_prefix() throws IOException {
        Path file = Files.write(dir.resolve("short.safetensors"), new byte[] {1, 2, 3});

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a valid safetensors file")
                .hasMessageContaining("only 3 bytes long");
    }

    @Test
    void rejects_a_header_length_above_100_mb_without_allocating_it() throws IOException {
        byte[] garbage = new byte[64];
        Arrays.fill(garbage, (byte) 0x7f);
        Path file = Files.write(dir.resolve("garbage.safetensors"), garbage);

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("declare a header of 9187201950435737471 bytes (at most 104857600 allowed)");
    }

    @Test
    void rejects_a_header_longer_than_the_file() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("cut.safetensors"), Fixtures.unet(INPAINT));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, 100));

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("declares a 240-byte header but is only 100 bytes long");
    }

    @Test
    void rejects_tensor_data_past_the_end_of_the_file() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("partial.safetensors"), Fixtures.unet(INPAINT));
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 1));

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tensor 'model.diffusion_model.out.2.bias' has data offsets [51840,51848]"
                        + " outside the 51847-byte data section");
    }

    @Test
    void rejects_a_header_that_is_not_json() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("text.safetensors"), "hello world!", 0);

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("its header is not valid JSON");
    }

    @Test
    void rejects_a_tensor_without_a_shape() throws IOException {
        Path file = Fixtures.safetensors(dir.resolve("noshape.safetensors"),
                "{\"x\":{\"dtype\":\"F16\",\"data_offsets\":[0,2]}}", 2);

        assertThatThrownBy(() -> SafetensorsHeader.read(file))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tensor 'x' lacks a dtype, shape or two data_offsets");
    }
}
