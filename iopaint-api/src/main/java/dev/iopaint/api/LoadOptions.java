package dev.iopaint.api;

import java.util.Map;
import java.util.Objects;

/**
 * How to load a model: IOPaint's {@code start} flags that reach the model.
 *
 * @param device            where to run; the manager has already fallen back to CPU if the model or machine cannot
 * @param noHalf            keep fp32 even where fp16 would be used
 * @param lowMem            trade speed for memory (attention slicing, VAE tiling)
 * @param cpuOffload        keep weights on the CPU and move them to the device layer by layer
 * @param disableNsfw       skip the safety checker
 * @param cpuTextEncoder    run the text encoder on the CPU
 * @param localFilesOnly    never touch the network while loading
 * @param settings          settings of particular model families by variable name (e.g. {@code OPENAI_API_KEY}),
 *                          gathered by the caller from flags and the environment; providers never read the
 *                          environment themselves
 */
public record LoadOptions(Device device, boolean noHalf, boolean lowMem, boolean cpuOffload, boolean disableNsfw,
                          boolean cpuTextEncoder, boolean localFilesOnly, Map<String, String> settings) {
    public static final LoadOptions CPU = new LoadOptions(Device.CPU, false, false, false, false, false, false,
            Map.of());

    public LoadOptions {
        Objects.requireNonNull(device, "device");
        settings = Map.copyOf(settings);
    }

    public LoadOptions withDevice(Device other) {
        return new LoadOptions(other, noHalf, lowMem, cpuOffload, disableNsfw, cpuTextEncoder, localFilesOnly,
                settings);
    }
}
