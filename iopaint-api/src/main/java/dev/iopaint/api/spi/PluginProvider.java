package dev.iopaint.api.spi;

import dev.iopaint.api.Device;
import dev.iopaint.api.PluginModelSpec;

import java.util.List;

/**
 * One of IOPaint's plugins (RemoveBG, InteractiveSeg, ...), found with {@link java.util.ServiceLoader} (register
 * it with {@code @AutoService(PluginProvider.class)}) like model providers. Cheap: a public no-argument
 * constructor, no I/O, everything but {@link #load} is plain data.
 */
public interface PluginProvider {
    /** IOPaint's plugin name, which clients send and {@code server-config} lists, e.g. {@code RemoveBG}. */
    String name();

    /** Whether {@link Plugin#genImage} works ({@code support_gen_image}). */
    boolean supportsGenImage();

    /** Whether {@link Plugin#genMask} works ({@code support_gen_mask}). */
    boolean supportsGenMask();

    /** The models it can run; the first is the default. */
    List<PluginModelSpec> models();

    /**
     * Loads one of its models. The model's files are already on disk (the caller fetches them first).
     *
     * @throws dev.iopaint.api.ModelLoadException when a file is corrupt or of the wrong format
     */
    Plugin load(PluginModelSpec model, Device device, ModelStore store);
}
