package dev.iopaint.server.cli;

import dev.iopaint.api.Device;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.core.plugins.PluginSetting;
import dev.iopaint.server.ServerPlugins;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * IOPaint's plugin flags of {@code start}. A model flag left out means the plugin's default model; IOPaint's own
 * defaults (briaai/RMBG-1.4, sam2_1_tiny) are not among the models here, so they are not assumed. Model and device
 * flags of a plugin that is not enabled are ignored, as in IOPaint.
 */
final class PluginOptions {
    @Option(names = "--enable-remove-bg", description = "Enable the RemoveBG plugin: remove an image's background.")
    boolean enableRemoveBg;
    @Option(names = "--remove-bg-model", paramLabel = "NAME",
            description = "RemoveBG's model (default: the plugin's default model).")
    String removeBgModel;
    @Option(names = "--remove-bg-device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, cuda or mps for RemoveBG (default: ${DEFAULT-VALUE}).")
    String removeBgDevice;
    @Option(names = "--enable-interactive-seg",
            description = "Enable the InteractiveSeg plugin: click an object to get its mask.")
    boolean enableInteractiveSeg;
    @Option(names = "--interactive-seg-model", paramLabel = "NAME",
            description = "InteractiveSeg's model (default: the plugin's default model).")
    String interactiveSegModel;
    @Option(names = "--interactive-seg-device", defaultValue = "cpu", paramLabel = "DEVICE",
            description = "cpu, cuda or mps for InteractiveSeg (default: ${DEFAULT-VALUE}).")
    String interactiveSegDevice;

    /** The plugins to enable, in IOPaint's order (InteractiveSeg first). */
    List<PluginSetting> settings() {
        List<PluginSetting> settings = new ArrayList<>();
        if (enableInteractiveSeg) {
            settings.add(setting(ServerPlugins.INTERACTIVE_SEG, interactiveSegModel, interactiveSegDevice,
                    "--interactive-seg-device"));
        }
        if (enableRemoveBg) {
            settings.add(setting(ServerPlugins.REMOVE_BG, removeBgModel, removeBgDevice, "--remove-bg-device"));
        }
        return settings;
    }

    private static PluginSetting setting(String plugin, String model, String device, String deviceFlag) {
        Device parsed;
        try {
            parsed = Device.fromWireName(device.toLowerCase(Locale.ROOT));
        } catch (UnsupportedInputException e) {
            throw new UnsupportedInputException(deviceFlag + ": " + e.getMessage());
        }
        return new PluginSetting(plugin, Optional.ofNullable(model).filter(name -> !name.isBlank()), parsed);
    }
}
