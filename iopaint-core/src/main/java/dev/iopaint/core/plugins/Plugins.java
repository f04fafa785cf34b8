package dev.iopaint.core.plugins;

import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.Mask;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.PluginImage;
import dev.iopaint.api.PluginModelSpec;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.RgbImage;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.api.spi.Plugin;
import dev.iopaint.api.spi.PluginProvider;
import dev.iopaint.core.registry.PluginRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The enabled plugins, each with one model loaded, as IOPaint's server holds them. Runs may come from many
 * threads at once; a model switch waits for the runs in flight, loads the new model and closes the old one, and
 * keeps the old one when the new one fails to load.
 */
public final class Plugins implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Plugins.class);

    private final ModelStore store;
    private final DownloadListener listener;
    private final Map<String, Running> running = new LinkedHashMap<>();
    private final ReadWriteLock lock = new ReentrantReadWriteLock();

    private record Running(PluginProvider provider, PluginSetting setting, Plugin plugin) {
    }

    private Plugins(ModelStore store, DownloadListener listener) {
        this.store = store;
        this.listener = listener;
    }

    /** No plugins. */
    public static Plugins none(ModelStore store) {
        return new Plugins(store, DownloadListener.NONE);
    }

    /**
     * Loads every plugin in {@code settings}, fetching missing model files first.
     *
     * @throws PluginNotAvailableException when a plugin or model is unknown; the message lists what there is
     * @throws dev.iopaint.api.DownloadFailedException when a model file is missing and cannot be fetched
     * @throws ModelLoadException when a model file is damaged (it is deleted, so the next start fetches it again)
     */
    public static Plugins start(PluginRegistry registry, ModelStore store, List<PluginSetting> settings,
                                DownloadListener listener) {
        Plugins plugins = new Plugins(store, listener);
        try {
            for (PluginSetting setting : settings) {
                PluginProvider provider = registry.provider(setting.name()).orElseThrow(() ->
                        new PluginNotAvailableException("No plugin named '" + setting.name() + "' is installed;"
                                + " installed: " + registry.providers().stream().map(PluginProvider::name).toList()
                                + ". Add dev.iopaint:iopaint-plugins to the classpath for RemoveBG and InteractiveSeg"));
                PluginModelSpec model = modelOf(provider, setting.model().orElse(provider.models().get(0).name()));
                plugins.running.put(provider.name(), new Running(provider, setting, plugins.load(provider, model, setting)));
            }
        } catch (RuntimeException e) {
            plugins.close();
            throw e;
        }
        return plugins;
    }

    /** The enabled plugins' providers, in the order they were enabled. */
    public List<PluginProvider> enabled() {
        return read(() -> running.values().stream().map(Running::provider).toList());
    }

    /** The model the plugin runs now. */
    public String model(String name) {
        return read(() -> runningOf(name).plugin().model());
    }

    /**
     * The plugin's mask of what it selects (255 selected), the image's size.
     *
     * @throws PluginNotAvailableException when the plugin is not enabled or makes no masks
     */
    public Mask genMask(String name, RgbImage image, PluginRequest request) {
        return run(name, "masks", PluginProvider::supportsGenMask, plugin -> plugin.genMask(image, request));
    }

    /**
     * The plugin's new image.
     *
     * @throws PluginNotAvailableException when the plugin is not enabled or makes no images
     */
    public PluginImage genImage(String name, RgbImage image, PluginRequest request) {
        return run(name, "images", PluginProvider::supportsGenImage, plugin -> plugin.genImage(image, request));
    }

    /**
     * Makes the plugin run another of its models; a no-op when it already does.
     *
     * @throws PluginNotAvailableException when the plugin is not enabled or has no such model
     */
    public void switchModel(String name, String model) {
        lock.writeLock().lock();
        try {
            Running current = runningOf(name);
            if (current.plugin().model().equals(model)) {
                return;
            }
            PluginModelSpec spec = modelOf(current.provider(), model);
            Plugin next = load(current.provider(), spec, current.setting());
            running.put(name, new Running(current.provider(), current.setting(), next));
            current.plugin().close();
            log.info("Switched plugin {} from {} to {}", name, current.plugin().model(), model);
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            for (Running each : running.values()) {
                each.plugin().close();
            }
            running.clear();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private <T> T run(String name, String what, Predicate<PluginProvider> supports,
                      Function<Plugin, T> work) {
        lock.readLock().lock();
        try {
            Running plugin = runningOf(name);
            if (!supports.test(plugin.provider())) {
                throw new PluginNotAvailableException("The plugin " + name + " makes no " + what);
            }
            return work.apply(plugin.plugin());
        } finally {
            lock.readLock().unlock();
        }
    }

    private <T> T read(Supplier<T> work) {
        lock.readLock().lock();
        try {
            return work.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    private Running runningOf(String name) {
        Running plugin = running.get(name);
        if (plugin == null) {
            throw new PluginNotAvailableException("Plugin not found: '" + name + "' is not enabled; enabled: "
                    + running.keySet() + " (start the server with --enable-remove-bg or --enable-interactive-seg)");
        }
        return plugin;
    }

    private static PluginModelSpec modelOf(PluginProvider provider, String model) {
        return provider.models().stream().filter(spec -> spec.name().equals(model)).findFirst().orElseThrow(() ->
                new PluginNotAvailableException("The plugin " + provider.name() + " has no model '" + model
                        + "'; its models: " + provider.models().stream().map(PluginModelSpec::name).toList()));
    }

    private Plugin load(PluginProvider provider, PluginModelSpec model, PluginSetting setting) {
        for (ModelFile file : model.files()) {
            store.fetch(file, listener);
        }
        try {
            Plugin plugin = provider.load(model, setting.device(), store);
            log.info("Loaded plugin {} with {} on {}", provider.name(), model.name(), setting.device().wireName());
            return plugin;
        } catch (ModelLoadException e) {
            List<String> removed = new ArrayList<>();
            for (ModelFile file : model.files()) {
                if (store.removeIfCorrupt(file)) {
                    removed.add(store.pathOf(file).toString());
                }
            }
            if (removed.isEmpty()) {
                throw e;
            }
            throw new ModelLoadException(e.getMessage() + "; " + removed + " did not match its MD5 and was deleted,"
                    + " start again to download it", e);
        }
    }
}
