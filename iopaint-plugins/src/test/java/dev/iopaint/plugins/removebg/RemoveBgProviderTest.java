package dev.iopaint.plugins.removebg;

import dev.iopaint.api.Device;
import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import dev.iopaint.core.registry.PluginRegistry;
import dev.iopaint.plugins.TestWeights;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RemoveBgProviderTest {
    @TempDir
    Path dir;

    @Test
    void is_found_by_the_service_loader_as_iopaints_removebg() {
        PluginRegistry registry = PluginRegistry.discover(getClass().getClassLoader());

        PluginProvider provider = registry.provider("RemoveBG").orElseThrow();

        assertThat(provider).isInstanceOf(RemoveBgProvider.class);
        assertThat(provider.supportsGenImage()).isTrue();
        assertThat(provider.supportsGenMask()).isTrue();
        assertThat(provider.models()).extracting(PluginModelSpec::name).containsExactly("u2netp");
    }

    @Test
    void keeps_u2netp_where_iopaint_points_rembg() {
        DefaultModelStore store = new DefaultModelStore(new ModelDirectory(dir), DownloadSettings.defaults());
        var file = RemoveBgProvider.U2NETP.files().get(0);

        assertThat(store.pathOf(file)).isEqualTo(dir.resolve("torch/hub/checkpoints/u2netp.onnx").toAbsolutePath());
        assertThat(file.md5()).isEqualTo("8e83ca70e441ab06c318d82300c84806");
        assertThat(file.urlVariable()).isEqualTo("U2NETP_MODEL_URL");
    }

    @Test
    void refuses_a_file_that_is_not_onnx_and_says_what_to_do() throws IOException {
        Path file = checkpoint();
        Files.writeString(file, "<html>rate limited</html>");

        assertThatThrownBy(() -> load(Device.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining(file.toString())
                .hasMessageContaining("delete it and start again");
    }

    @Test
    void refuses_a_truncated_download() throws IOException {
        Path file = checkpoint();
        try (InputStream in = Files.newInputStream(TestWeights.u2netp())) {
            Files.write(file, in.readNBytes(1 << 20));
        }

        assertThatThrownBy(() -> load(Device.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("damaged or not an ONNX model");
    }

    @Test
    void says_which_file_is_missing() {
        assertThatThrownBy(() -> load(Device.CPU))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("u2netp.onnx is missing")
                .hasMessageContaining("U2NETP_MODEL_URL");
    }

    @Test
    void runs_on_the_cpu_when_another_device_is_asked_and_refuses_work_once_closed() throws IOException {
        Files.copy(TestWeights.u2netp(), checkpoint());
        Plugin plugin = load(Device.CUDA);

        assertThat(plugin.genMask(RgbImage.blank(8, 6), PluginRequest.NONE).width()).isEqualTo(8);
        plugin.close();
        plugin.close();

        assertThatThrownBy(() -> plugin.genMask(RgbImage.blank(8, 6), PluginRequest.NONE))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    private Path checkpoint() throws IOException {
        Path file = dir.resolve("torch/hub/checkpoints/u2netp.onnx");
        Files.createDirectories(file.getParent());
        return file;
    }

    private Plugin load(Device device) {
        DefaultModelStore store = new DefaultModelStore(new ModelDirectory(dir), DownloadSettings.defaults());
        return new RemoveBgProvider().load(RemoveBgProvider.U2NETP, device, store);
    }
}
