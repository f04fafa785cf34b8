package dev.iopaint.server;

import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.core.plugins.Plugins;
import dev.iopaint.core.registry.PluginRegistry;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The plugins a server offers: every installed provider ({@code server-config} lists their models even when they
 * are off) and the enabled ones with their models loaded. Whoever makes it closes it, after the server.
 *
 * @param installed the providers on the classpath (or given explicitly)
 * @param running   the enabled plugins, each with one model loaded
 */
public record ServerPlugins(PluginRegistry installed, Plugins running) implements AutoCloseable {
    /** IOPaint's plugin names, as clients send them and {@code --enable-*} flags enable them. */
    public static final String REMOVE_BG = "RemoveBG";
    public static final String INTERACTIVE_SEG = "InteractiveSeg";
    public static final String REALESRGAN = "RealESRGAN";

    public ServerPlugins {
        Objects.requireNonNull(installed, "installed");
        Objects.requireNonNull(running, "running");
    }

    /** No plugins installed or enabled: what a server without {@code iopaint-plugins} offers. */
    public static ServerPlugins none(ModelStore store) {
        return new ServerPlugins(PluginRegistry.of(List.of()), Plugins.none(store));
    }

    /**
     * Enables the plugins of {@code settings} out of {@code installed}, fetching their model files through
     * {@code store} (which decides whether downloads are allowed).
     *
     * @throws dev.iopaint.api.PluginNotAvailableException when a plugin is not installed or lacks the model asked
     *                                                     for; the message lists what there is
     * @throws dev.iopaint.api.DownloadFailedException     when a model file is missing and cannot be fetched
     */
    public static ServerPlugins start(PluginRegistry installed, ModelStore store, List<PluginSetting> settings,
                                      DownloadListener listener) {
        return new ServerPlugins(installed, Plugins.start(installed, store, settings, listener));
    }

    /** The enabled plugin of that name, if it is enabled. */
    public Optional<PluginProvider> enabled(String name) {
        return running.enabled().stream().filter(provider -> provider.name().equals(name)).findFirst();
    }

    @Override
    public void close() {
        running.close();
    }
}
