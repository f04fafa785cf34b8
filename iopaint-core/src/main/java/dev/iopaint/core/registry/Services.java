package dev.iopaint.core.registry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.function.Consumer;

/** Providers registered with {@code META-INF/services}; a broken one is logged and skipped, never fatal. */
final class Services {
    private static final Logger log = LoggerFactory.getLogger(Services.class);

    private Services() {
    }

    /**
     * Every provider of {@code type} on the class loader that constructs and passes {@code check} (which should
     * touch what a broken jar would fail on, such as its specs).
     */
    static <T> List<T> load(Class<T> type, ClassLoader classLoader, Consumer<T> check) {
        List<T> found = new ArrayList<>();
        Iterator<T> iterator = ServiceLoader.load(type, classLoader).iterator();
        while (true) {
            try {
                if (!iterator.hasNext()) {
                    break;
                }
                T provider = iterator.next();
                check.accept(provider);
                log.debug("Found {} {} in {}", type.getSimpleName(), provider.getClass().getName(), location(provider));
                found.add(provider);
            } catch (ServiceConfigurationError | RuntimeException | LinkageError e) {
                log.warn("Skipping a {} that could not be loaded: {}", type.getSimpleName(), e.toString());
            }
        }
        return found;
    }

    /** A provider's class and the jar it came from, for messages about clashes. */
    static String describe(Object provider) {
        return provider.getClass().getName() + " (" + location(provider) + ")";
    }

    private static String location(Object provider) {
        var source = provider.getClass().getProtectionDomain().getCodeSource();
        return source == null || source.getLocation() == null ? "unknown jar" : source.getLocation().toString();
    }
}
