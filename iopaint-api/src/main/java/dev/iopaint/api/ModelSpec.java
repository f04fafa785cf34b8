package dev.iopaint.api;

import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a provider knows about one model before anything is loaded: plain data, no I/O.
 *
 * @param name     the name users select, e.g. {@code lama}
 * @param type     the model's type
 * @param files    the files it needs (none for {@code cv2})
 * @param padRules how the pipeline pads images for it
 * @param devices  the devices it runs on; others fall back to CPU with a warning
 */
public record ModelSpec(String name, ModelType type, List<ModelFile> files, PadRules padRules, Set<Device> devices) {
    public ModelSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(padRules, "padRules");
        files = List.copyOf(files);
        devices = Set.copyOf(devices);
        if (!devices.contains(Device.CPU)) {
            throw new IllegalArgumentException("Every model must run on the CPU, which " + name + " does not list");
        }
    }

    /** An erase model ({@link ModelType#INPAINT}). */
    public static ModelSpec erase(String name, List<ModelFile> files, PadRules padRules, Set<Device> devices) {
        return new ModelSpec(name, ModelType.INPAINT, files, padRules, devices);
    }
}
