package dev.iopaint.core.plugins;

import dev.iopaint.api.Device;

import java.util.Objects;
import java.util.Optional;

/**
 * One plugin to enable, as IOPaint's {@code start} flags say it ({@code --enable-remove-bg --remove-bg-model u2netp
 * --remove-bg-device cpu}).
 *
 * @param name   the plugin's name, e.g. {@code RemoveBG}
 * @param model  the model to run; empty for the plugin's default (its first)
 * @param device where to run it
 */
public record PluginSetting(String name, Optional<String> model, Device device) {
    public PluginSetting {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
    }

    /** The plugin's default model on the CPU. */
    public static PluginSetting of(String name) {
        return new PluginSetting(name, Optional.empty(), Device.CPU);
    }
}
