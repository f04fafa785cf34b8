package dev.iopaint.core.registry;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.spi.PluginProvider;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The plugins this instance knows: found on the classpath with {@link java.util.ServiceLoader}, or given
 * explicitly. Cheap, like {@link ModelRegistry}: nothing is loaded here.
 */
public final class PluginRegistry {
    private final Map<String, PluginProvider> byName = new LinkedHashMap<>();

    private PluginRegistry(List<PluginProvider> providers) {
        for (PluginProvider provider : providers) {
            PluginProvider earlier = byName.putIfAbsent(provider.name(), provider);
            if (earlier != null) {
                throw new IopaintException("Two plugin providers claim the plugin '" + provider.name() + "': "
                        + Services.describe(earlier) + " and " + Services.describe(provider)
                        + "; remove one of them from the classpath");
            }
        }
    }

    /** Every plugin registered with {@code META-INF/services} on the class loader; broken ones are logged and skipped. */
    public static PluginRegistry discover(ClassLoader classLoader) {
        return new PluginRegistry(Services.load(PluginProvider.class, classLoader, PluginProvider::models));
    }

    /** Exactly these plugins. */
    public static PluginRegistry of(List<PluginProvider> providers) {
        return new PluginRegistry(providers);
    }

    public List<PluginProvider> providers() {
        return List.copyOf(byName.values());
    }

    public Optional<PluginProvider> provider(String name) {
        return Optional.ofNullable(byName.get(name));
    }
}
