package dev.iopaint.core.manager;

import dev.iopaint.api.Device;
import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.spi.InpaintModel;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.registry.ModelCatalog;
import dev.iopaint.core.registry.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * Holds the one active model. Requests use it under a shared lock; a switch takes the exclusive lock, so it waits
 * for requests in flight, and requests that arrive during a switch wait for it rather than fail. The lock is fair:
 * a waiting switch is not starved by a stream of requests.
 *
 * <p>A switch closes the old model first (freeing its native memory, as IOPaint does), loads the new one, and on
 * failure loads the old one again and rethrows.
 */
public final class ModelManager implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ModelManager.class);

    private final ModelRegistry registry;
    private final ModelStore store;
    private final ModelCatalog catalog;
    private final LoadOptions options;
    private final DownloadListener downloadListener;
    private final ReadWriteLock lock = new ReentrantReadWriteLock(true);
    private InpaintModel current;

    /**
     * @param downloadListener hears the downloads of models that are selected before they are on disk
     */
    public ModelManager(ModelRegistry registry, ModelStore store, LoadOptions options,
                        DownloadListener downloadListener) {
        this.registry = registry;
        this.store = store;
        this.catalog = new ModelCatalog(registry, store);
        this.options = options;
        this.downloadListener = downloadListener;
    }

    public ModelCatalog catalog() {
        return catalog;
    }

    /** The active model, if one is loaded. */
    public Optional<ModelInfo> current() {
        lock.readLock().lock();
        try {
            return Optional.ofNullable(current).map(InpaintModel::info);
        } finally {
            lock.readLock().unlock();
        }
    }

    /**
     * Makes {@code name} the active model, downloading its files first when they are missing. Switching to the
     * active model does nothing.
     *
     * @return the model now active
     */
    public ModelInfo switchTo(String name) {
        ModelInfo target = catalog.find(name);
        lock.writeLock().lock();
        try {
            if (current != null && current.info().name().equals(name)) {
                return current.info();
            }
            InpaintModel previous = current;
            ModelInfo previousInfo = previous == null ? null : previous.info();
            if (previous != null) {
                current = null;
                previous.close();
            }
            try {
                current = load(target);
            } catch (RuntimeException failure) {
                if (previousInfo != null) {
                    restore(previousInfo, failure);
                }
                throw failure;
            }
            log.info("Model {} is active ({})", target.name(), previousInfo == null
                    ? "first model" : "switched from " + previousInfo.name());
            return current.info();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /**
     * Runs {@code work} with the active model; the model cannot be switched or closed meanwhile.
     *
     * @throws IopaintException when no model is active
     */
    public <T> T withModel(Function<InpaintModel, T> work) {
        lock.readLock().lock();
        try {
            if (current == null) {
                throw new IopaintException("No model is loaded; select one first (e.g. --model cv2)");
            }
            return work.apply(current);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Closes the active model; waits for requests in flight. */
    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (current != null) {
                log.info("Closing model {}", current.info().name());
                current.close();
                current = null;
            }
        } finally {
            lock.writeLock().unlock();
        }
    }

    private void restore(ModelInfo previousInfo, RuntimeException failure) {
        log.warn("Switching models failed ({}); going back to {}", failure.getMessage(), previousInfo.name());
        try {
            current = load(previousInfo);
        } catch (RuntimeException again) {
            failure.addSuppressed(again);
            log.error("The previous model {} could not be loaded again either: {}", previousInfo.name(),
                    again.getMessage());
        }
    }

    private InpaintModel load(ModelInfo model) {
        ModelProvider provider = registry.loaderFor(model);
        Optional<ModelSpec> spec = registry.spec(model.name());
        spec.ifPresent(s -> ensureDownloaded(provider, s));
        LoadOptions resolved = options.withDevice(deviceFor(model, spec));
        log.info("Loading model {} on {}", model.name(), resolved.device().wireName());
        try {
            return provider.load(model, resolved, store);
        } catch (ModelLoadException e) {
            spec.ifPresent(this::removeCorruptFiles);
            throw e;
        }
    }

    private void ensureDownloaded(ModelProvider provider, ModelSpec spec) {
        if (!spec.files().stream().allMatch(store::isPresent)) {
            log.info("Model {} is not on disk yet; downloading it", spec.name());
            provider.download(spec, store, downloadListener);
        }
    }

    private void removeCorruptFiles(ModelSpec spec) {
        for (ModelFile file : spec.files()) {
            if (store.removeIfCorrupt(file)) {
                log.warn("Removed {}: it did not match its MD5; it is downloaded again on the next load",
                        store.pathOf(file));
            }
        }
    }

    /** The CPU when the model does not support the device asked for; whether the machine has it, the engine checks. */
    private Device deviceFor(ModelInfo model, Optional<ModelSpec> spec) {
        Device wanted = options.device();
        if (wanted == Device.CPU) {
            return wanted;
        }
        if (spec.isPresent() && !spec.get().devices().contains(wanted)) {
            log.warn("Model {} does not support {}; running it on the CPU", model.name(), wanted.wireName());
            return Device.CPU;
        }
        return wanted;
    }
}
