package dev.iopaint.models.erase.lama;

import dev.iopaint.api.Device;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.PadRules;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.core.Iopaint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class LamaProviderTest {
    @TempDir
    Path modelDir;

    @Test
    void is_found_by_the_service_loader() {
        assertThat(ServiceLoader.load(ModelProvider.class).stream().map(ServiceLoader.Provider::type))
                .contains(LamaProvider.class);
    }

    @Test
    void knows_lama_with_iopaints_file_checksum_and_override_variables() {
        ModelSpec lama = spec("lama");

        assertThat(lama.files()).singleElement().satisfies(file -> {
            assertThat(file.url()).isEqualTo(
                    "https://github.com/Sanster/models/releases/download/add_big_lama/big-lama.pt");
            assertThat(file.md5()).isEqualTo("e3aa4aaa15225a33ec84f9f4bc47e500");
            assertThat(file.urlVariable()).isEqualTo("LAMA_MODEL_URL");
            assertThat(file.md5Variable()).isEqualTo("LAMA_MODEL_MD5");
        });
        assertThat(lama.padRules()).isEqualTo(PadRules.modulo(8));
        assertThat(lama.devices()).containsExactlyInAnyOrder(Device.CPU, Device.CUDA);
    }

    @Test
    void knows_anime_lama_which_iopaint_allows_on_mps() {
        ModelSpec anime = spec("anime-lama");

        assertThat(anime.files()).singleElement().satisfies(file -> {
            assertThat(file.url()).isEqualTo("https://github.com/Sanster/models/releases/download/"
                    + "AnimeMangaInpainting/anime-manga-big-lama.pt");
            assertThat(file.md5()).isEqualTo("29f284f36a0a510bcacf39ecf4c4d54f");
            assertThat(file.urlVariable()).isEqualTo("ANIME_LAMA_MODEL_URL");
            assertThat(file.md5Variable()).isEqualTo("ANIME_LAMA_MODEL_MD5");
        });
        assertThat(anime.padRules()).isEqualTo(PadRules.modulo(8));
        assertThat(anime.devices()).containsExactlyInAnyOrder(Device.CPU, Device.CUDA, Device.MPS);
    }

    @Test
    void lists_each_model_once_its_file_is_in_torch_hub_checkpoints() throws Exception {
        assertThat(scannedNames()).doesNotContain("lama", "anime-lama");

        LamaFixtures.writeBigLama(modelDir, "return image");
        assertThat(scannedNames()).containsOnlyOnce("lama").doesNotContain("anime-lama");

        dev.iopaint.models.erase.torch.TorchScriptFixtures.write(
                LamaFixtures.checkpoint(modelDir, "anime-manga-big-lama.pt"), LamaFixtures.PARAMETERS, "return image");
        assertThat(scannedNames()).containsOnlyOnce("lama").containsOnlyOnce("anime-lama");
    }

    private List<String> scannedNames() {
        try (Iopaint iopaint = Iopaint.builder().modelDir(modelDir).model("cv2").offline(true).build()) {
            return iopaint.models().stream().map(ModelInfo::name).toList();
        }
    }

    private static ModelSpec spec(String name) {
        return new LamaProvider().specs().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }
}
