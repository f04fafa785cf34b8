package dev.iopaint.api.spi;

import dev.iopaint.api.DownloadListener;
import dev.iopaint.api.LoadOptions;
import dev.iopaint.api.ModelFile;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelSpec;

import java.util.List;

/**
 * A family of models, found with {@link java.util.ServiceLoader} (register it with
 * {@code @AutoService(ModelProvider.class)}) or registered explicitly.
 *
 * <p>A provider is cheap: a public no-argument constructor, no I/O until asked, and its {@link #specs()} are
 * plain data. Loading is separate and heavy, and returns a model the caller closes.
 */
public interface ModelProvider {
    /** The models this provider knows, as data. Names must be unique across all providers. */
    List<ModelSpec> specs();

    /**
     * The models this provider can serve from the store's directory. By default: each spec whose files are all
     * present (a spec without files, such as {@code cv2}, always is).
     */
    default List<ModelInfo> scan(ModelStore store) {
        return specs().stream()
                .filter(spec -> spec.files().stream().allMatch(store::isPresent))
                .map(spec -> new ModelInfo(spec.name(), spec.name(), spec.type(), false))
                .toList();
    }

    /** True when this provider loads the given model; by default, when one of its specs has that name. */
    default boolean canLoad(ModelInfo model) {
        return specs().stream().anyMatch(spec -> spec.name().equals(model.name()));
    }

    /** Fetches every file of the spec that is not on disk yet; each file is verified before it is kept. */
    default void download(ModelSpec spec, ModelStore store, DownloadListener listener) {
        for (ModelFile file : spec.files()) {
            store.fetch(file, listener);
        }
    }

    /**
     * Loads a model. The files are already on disk (the caller downloads first).
     *
     * @throws dev.iopaint.api.ModelLoadException when a file is corrupt or of the wrong format
     */
    InpaintModel load(ModelInfo model, LoadOptions options, ModelStore store);
}
