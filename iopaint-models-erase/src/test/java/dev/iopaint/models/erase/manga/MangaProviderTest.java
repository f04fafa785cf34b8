package dev.iopaint.models.erase.manga;

import dev.iopaint.api.Device;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InpaintRequest;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.Iopaint;
import dev.iopaint.models.erase.torch.TorchScriptFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class MangaProviderTest {
    /** Fails unless both sides are multiples of 16, and gives the grey input back otherwise. */
    private static final String NEEDS_MODULO_16 = "return torch.pixel_shuffle(torch.pixel_unshuffle(gray, 16), 16)";

    @TempDir
    Path dir;

    private final MangaProvider provider = new MangaProvider();

    @Test
    void is_found_by_the_service_loader() {
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(MangaProvider.class);
    }

    @Test
    void has_iopaints_files_overrides_padding_and_devices() {
        ModelSpec spec = provider.specs().get(0);

        assertThat(spec.name()).isEqualTo("manga");
        assertThat(spec.files()).extracting(ModelFile::fileName, ModelFile::md5, ModelFile::urlVariable)
                .containsExactly(
                        tuple("manga_inpaintor.jit", "7d8b269c4613b6b3768af714610da86c",
                                "MANGA_INPAINTOR_MODEL_URL"),
                        tuple("erika.jit", "0c926d5a4af8450b0d00bc5b9a095644",
                                "MANGA_LINE_MODEL_URL"));
        assertThat(spec.padRules().modulo()).isEqualTo(16);
        assertThat(spec.padRules().square()).isFalse();
        assertThat(spec.devices()).containsExactlyInAnyOrder(Device.CPU, Device.CUDA);
    }

    @Test
    void is_listed_only_once_both_files_are_on_disk() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        assertThat(provider.scan(store)).isEmpty();

        MangaFixtures.writeLineModel(store, "return gray");
        assertThat(provider.scan(store)).isEmpty();

        MangaFixtures.writeInpaintor(store, "return gray");
        assertThat(provider.scan(store)).extracting(ModelInfo::name).containsExactly("manga");
    }

    @Test
    void a_missing_inpaintor_is_named_with_the_download_command() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, "return gray");

        assertThatThrownBy(() -> provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("manga_inpaintor.jit").hasMessageNotContaining("erika.jit")
                .hasMessageContaining("iopaint download --model manga");
    }

    @Test
    void a_missing_line_model_is_named_with_the_download_command() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeInpaintor(store, "return gray");

        assertThatThrownBy(() -> provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store))
                .isInstanceOf(ModelNotFoundException.class)
                .hasMessageContaining("erika.jit").hasMessageNotContaining("manga_inpaintor.jit")
                .hasMessageContaining("iopaint download --model manga");
    }

    @Test
    void a_file_that_is_not_torchscript_says_which_and_what_was_expected() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeInpaintor(store, "return gray");
        Files.writeString(store.pathOf(MangaProvider.LINE_MODEL), "<html>Not found</html>");

        assertThatThrownBy(() -> provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a TorchScript archive").hasMessageContaining("erika.jit")
                .hasMessageContaining("forward(gray");
    }

    @Test
    void an_inpaintor_of_another_signature_fails_with_the_expected_one() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, "return gray");
        TorchScriptFixtures.write(store.pathOf(MangaProvider.INPAINTOR), "image: Tensor, mask: Tensor",
                "return image");

        try (InpaintModel model = provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store)) {
            assertThatThrownBy(() -> model.forward(RgbImage.blank(16, 16), Mask.empty(16, 16),
                    InpaintRequest.defaults()))
                    .isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("manga_inpaintor.jit")
                    .hasMessageContaining("gray, lines, mask, noise, ones");
        }
    }

    @Test
    void a_line_model_answering_another_shape_is_refused() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, "return torch.cat([gray, gray], 1)");
        MangaFixtures.writeInpaintor(store, "return gray");

        try (InpaintModel model = provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store)) {
            assertThatThrownBy(() -> model.forward(RgbImage.blank(16, 16), Mask.empty(16, 16),
                    InpaintRequest.defaults()))
                    .isInstanceOf(InferenceFailedException.class)
                    .hasMessageContaining("erika.jit").hasMessageContaining("(1, 2, 16, 16)");
        }
    }

    @Test
    void runs_in_the_pipeline_padded_to_16_and_cropped_back() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, "return gray");
        MangaFixtures.writeInpaintor(store, NEEDS_MODULO_16);
        int width = 20;
        int height = 13;
        byte[] pixels = new byte[width * height * 3];
        byte[] holes = new byte[width * height];
        for (int i = 0; i < width * height; i++) {
            pixels[3 * i] = (byte) (i % 251);
            pixels[3 * i + 1] = (byte) (i * 7 % 256);
            pixels[3 * i + 2] = (byte) (255 - i % 256);
            holes[i] = (byte) (i % width < 10 ? 255 : 0);
        }
        RgbImage image = new RgbImage(width, height, pixels);

        RgbImage result;
        try (Iopaint iopaint = Iopaint.builder().modelDir(dir).model("manga").offline(true).build()) {
            result = iopaint.inpaint(image, new Mask(width, height, holes), InpaintRequest.defaults());
        }

        assertThat(result.width()).isEqualTo(width);
        assertThat(result.height()).isEqualTo(height);
        for (int i = 0; i < width * height; i++) {
            int r = pixels[3 * i] & 0xFF;
            int g = pixels[3 * i + 1] & 0xFF;
            int b = pixels[3 * i + 2] & 0xFF;
            int gray = (int) Math.round(0.299 * r + 0.587 * g + 0.114 * b);
            for (int c = 0; c < 3; c++) {
                int actual = result.pixels()[3 * i + c] & 0xFF;
                if (holes[i] != 0) {
                    assertThat(Math.abs(actual - gray)).as("masked pixel %d channel %d", i, c).isLessThanOrEqualTo(1);
                } else {
                    assertThat(actual).as("kept pixel %d channel %d", i, c).isEqualTo(pixels[3 * i + c] & 0xFF);
                }
            }
        }
    }

    @Test
    void the_padding_check_of_the_pipeline_test_refuses_an_unpadded_image() throws IOException {
        ModelStore store = MangaFixtures.store(dir);
        MangaFixtures.writeLineModel(store, "return gray");
        MangaFixtures.writeInpaintor(store, NEEDS_MODULO_16);

        try (InpaintModel model = provider.load(ModelInfo.erase("manga"), LoadOptions.CPU, store)) {
            assertThatThrownBy(() -> model.forward(RgbImage.blank(20, 13), Mask.empty(20, 13),
                    InpaintRequest.defaults())).isInstanceOf(InferenceFailedException.class);
        }
    }
}
