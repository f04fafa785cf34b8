package dev.iopaint.core.registry;

import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.spi.ModelProvider;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.scan.DiffusionModelScanner;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What can be served from a model directory: IOPaint's {@code scan_models}. Each provider says which of its models
 * are on disk, and diffusion models are found in the Hugging Face cache and the {@code stable_diffusion*} folders
 * whether or not a module that loads them is on the classpath (selecting one then says which module to add).
 */
public final class ModelCatalog {
    private static final Logger log = LoggerFactory.getLogger(ModelCatalog.class);
    private static final Comparator<ModelInfo> ORDER = Comparator
            .comparing(ModelInfo::modelType)
            .thenComparing(ModelInfo::name, String.CASE_INSENSITIVE_ORDER);

    private final ModelRegistry registry;
    private final ModelStore store;

    public ModelCatalog(ModelRegistry registry, ModelStore store) {
        this.registry = registry;
        this.store = store;
    }

    /** Every usable model, sorted by type then name, each name once (a provider's entry wins over a scanned one). */
    public List<ModelInfo> scan() {
        Map<String, ModelInfo> byName = new LinkedHashMap<>();
        for (ModelProvider provider : registry.providers()) {
            try {
                provider.scan(store).forEach(info -> byName.putIfAbsent(info.name(), info));
            } catch (RuntimeException e) {
                log.warn("Model provider {} failed to scan {}: {}", provider.getClass().getName(),
                        store.directory().root(), e.toString());
            }
        }
        new DiffusionModelScanner(store.directory()).scan().forEach(info -> byName.putIfAbsent(info.name(), info));
        List<ModelInfo> models = new ArrayList<>(byName.values());
        models.sort(ORDER);
        return models;
    }

    /**
     * The model of this name: from disk if it is there, else from a provider's spec (its files then still need a
     * download).
     *
     * @throws ModelNotFoundException listing the names that are available and the ones that can be downloaded
     */
    public ModelInfo find(String name) {
        List<ModelInfo> onDisk = scan();
        for (ModelInfo info : onDisk) {
            if (info.name().equals(name)) {
                return info;
            }
        }
        return registry.spec(name)
                .map(spec -> new ModelInfo(spec.name(), spec.name(), spec.type(), false))
                .orElseThrow(() -> new ModelNotFoundException("Unknown model '" + name + "'. Available: "
                        + names(onDisk.stream().map(ModelInfo::name).toList()) + ". Downloadable: "
                        + names(registry.specs().stream().map(ModelSpec::name).toList())));
    }

    /**
     * Downloads the files of a model a provider knows (those not on disk yet), verifying each.
     *
     * @throws ModelNotFoundException when no provider knows the name; the message lists those that do
     */
    public void download(String name, DownloadListener listener) {
        ModelSpec spec = registry.spec(name).orElseThrow(() -> new ModelNotFoundException(
                "No model module on the classpath knows '" + name + "'. Downloadable: "
                        + names(registry.specs().stream().map(ModelSpec::name).toList())
                        + (name.contains("/") ? ". Hugging Face models are downloaded by the diffusion module"
                        + " (dev.iopaint:iopaint-models-diffusion)" : "")));
        registry.ownerOf(name).orElseThrow().download(spec, store, listener);
    }

    private static String names(List<String> names) {
        return names.isEmpty() ? "none" : names.stream().distinct().collect(Collectors.joining(", "));
    }
}
