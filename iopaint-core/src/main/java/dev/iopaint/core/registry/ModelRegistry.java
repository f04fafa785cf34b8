package dev.iopaint.core.registry;

import dev.iopaint.api.IopaintException;
import dev.iopaint.api.ModelInfo;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelSpec;
import dev.iopaint.api.ModelType;
import dev.iopaint.api.spi.ModelProvider;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The model providers this instance knows: found on the classpath with {@link ServiceLoader}, registered
 * explicitly, or both. Finding providers is cheap (their constructors do no I/O); nothing is loaded here.
 */
public final class ModelRegistry {

    private final List<ModelProvider> providers;
    private final List<ModelSpec> specs;
    private final Map<String, ModelSpec> specsByName;
    private final Map<String, ModelProvider> providersByName;

    private ModelRegistry(List<ModelProvider> providers) {
        this.providers = List.copyOf(providers);
        Map<String, ModelSpec> specs = new LinkedHashMap<>();
        Map<String, ModelProvider> owners = new LinkedHashMap<>();
        for (ModelProvider provider : this.providers) {
            for (ModelSpec spec : provider.specs()) {
                ModelProvider earlier = owners.putIfAbsent(spec.name(), provider);
                if (earlier != null) {
                    throw new IopaintException("Two model providers claim the model '" + spec.name() + "': "
                            + Services.describe(earlier) + " and " + Services.describe(provider)
                            + "; remove one of them from the classpath");
                }
                specs.put(spec.name(), spec);
            }
        }
        this.specs = List.copyOf(specs.values());
        this.specsByName = Map.copyOf(specs);
        this.providersByName = Map.copyOf(owners);
    }

    /** Every provider registered with {@code META-INF/services} on the class loader; broken ones are logged and skipped. */
    public static ModelRegistry discover(ClassLoader classLoader) {
        return new ModelRegistry(Services.load(ModelProvider.class, classLoader, ModelProvider::specs));
    }

    /** Exactly these providers, for embedders who wire models by hand. */
    public static ModelRegistry of(List<ModelProvider> providers) {
        return new ModelRegistry(providers);
    }

    /** This registry plus one more provider. */
    public ModelRegistry with(ModelProvider provider) {
        List<ModelProvider> all = new ArrayList<>(providers);
        all.add(provider);
        return new ModelRegistry(all);
    }

    public List<ModelProvider> providers() {
        return providers;
    }

    /** Every model any provider knows, in provider order. */
    public List<ModelSpec> specs() {
        return specs;
    }

    public Optional<ModelSpec> spec(String name) {
        return Optional.ofNullable(specsByName.get(name));
    }

    /** The provider that owns a spec of this name, if any. */
    public Optional<ModelProvider> ownerOf(String name) {
        return Optional.ofNullable(providersByName.get(name));
    }

    /**
     * The provider that loads this model: the one owning its name, else the first that claims it (by type, for
     * models found on disk).
     *
     * @throws ModelLoadException when no provider on the classpath can load it; the message names the module to add
     */
    public ModelProvider loaderFor(ModelInfo model) {
        ModelProvider owner = providersByName.get(model.name());
        if (owner != null) {
            return owner;
        }
        for (ModelProvider provider : providers) {
            if (provider.canLoad(model)) {
                return provider;
            }
        }
        throw new ModelLoadException("The model '" + model.name() + "' (" + model.modelType().wireName()
                + ") is on disk, but no model module on the classpath can load it; add "
                + moduleFor(model.modelType()) + " to the classpath");
    }

    private static String moduleFor(ModelType type) {
        if (type.isDiffusion()) {
            return "dev.iopaint:iopaint-models-diffusion";
        }
        return type == ModelType.OPENAI_COMPAT ? "dev.iopaint:iopaint-openai" : "dev.iopaint:iopaint-models-erase";
    }
}
