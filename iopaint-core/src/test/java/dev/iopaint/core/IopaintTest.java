package dev.iopaint.core;

import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.registry.ModelRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IopaintTest {
    @TempDir
    Path modelDir;

    private Iopaint iopaint() {
        return Iopaint.builder().modelDir(modelDir).model("white")
                .registry(ModelRegistry.of(List.of(new WhiteProvider()))).build();
    }

    @Test
    void repaints_mask_pixels_above_127_as_iopaints_http_api_does() {
        Mask mask = new Mask(3, 1, new byte[] {0, (byte) 127, (byte) 128});

        try (Iopaint iopaint = iopaint()) {
            RgbImage result = iopaint.inpaint(RgbImage.blank(3, 1), mask, InpaintRequest.defaults());

            assertThat(result.rgb(0, 0)).containsExactly(0, 0, 0);
            assertThat(result.rgb(1, 0)).containsExactly(0, 0, 0);
            assertThat(result.rgb(2, 0)).containsExactly(255, 255, 255);
        }
    }

    @Test
    void refuses_a_mask_of_another_size_and_says_both_sizes() {
        try (Iopaint iopaint = iopaint()) {
            assertThatThrownBy(() -> iopaint.inpaint(RgbImage.blank(4, 4), Mask.empty(4, 3), InpaintRequest.defaults()))
                    .isInstanceOf(UnsupportedInputException.class)
                    .hasMessageContaining("4x3").hasMessageContaining("4x4");
        }
    }

    @Test
    void returns_the_image_itself_for_an_all_black_mask() {
        RgbImage image = RgbImage.blank(16, 16);

        try (Iopaint iopaint = iopaint()) {
            assertThat(iopaint.inpaint(image, Mask.empty(16, 16), InpaintRequest.defaults())).isSameAs(image);
        }
    }

    @Test
    void lists_the_models_of_its_folder_including_diffusion_models_no_module_loads_yet() throws Exception {
        Path snapshot = Files.createDirectories(modelDir.resolve(
                "huggingface/hub/models--runwayml--stable-diffusion-inpainting/snapshots/abc"));
        Files.writeString(snapshot.resolve("model_index.json"), "{\"_class_name\": \"StableDiffusionInpaintPipeline\"}");

        try (Iopaint iopaint = iopaint()) {
            assertThat(iopaint.models()).extracting(ModelInfo::name)
                    .containsExactly("white", "runwayml/stable-diffusion-inpainting");
            assertThat(iopaint.model().name()).isEqualTo("white");
        }
    }

    @Test
    void needs_a_model_name() {
        assertThatThrownBy(() -> Iopaint.builder().modelDir(modelDir).build())
                .isInstanceOf(UnsupportedInputException.class).hasMessageContaining("model(");
    }
}
