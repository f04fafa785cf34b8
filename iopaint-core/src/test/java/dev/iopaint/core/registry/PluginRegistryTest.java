package dev.iopaint.core.registry;

import dev.iopaint.api.Device;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PluginRegistryTest {
    @Test
    void finds_plugins_by_their_iopaint_name() {
        PluginRegistry registry = PluginRegistry.of(List.of(new Named("RemoveBG"), new Named("InteractiveSeg")));

        assertThat(registry.provider("InteractiveSeg")).map(PluginProvider::name).contains("InteractiveSeg");
        assertThat(registry.provider("AnimeSeg")).isEmpty();
        assertThat(registry.providers()).extracting(PluginProvider::name).containsExactly("RemoveBG", "InteractiveSeg");
    }

    @Test
    void two_providers_of_one_plugin_name_are_an_error_naming_both() {
        assertThatThrownBy(() -> PluginRegistry.of(List.of(new Named("RemoveBG"), new Named("RemoveBG"))))
                .isInstanceOf(IopaintException.class)
                .hasMessageContaining("'RemoveBG'").hasMessageContaining(Named.class.getName())
                .hasMessageContaining("remove one of them");
    }

    private record Named(String name) implements PluginProvider {
        @Override
        public boolean supportsGenImage() {
            return true;
        }

        @Override
        public boolean supportsGenMask() {
            return false;
        }

        @Override
        public List<PluginModelSpec> models() {
            return List.of(new PluginModelSpec("only", List.of()));
        }

        @Override
        public Plugin load(PluginModelSpec model, Device device, ModelStore store) {
            throw new UnsupportedOperationException("never loaded here");
        }
    }
}
