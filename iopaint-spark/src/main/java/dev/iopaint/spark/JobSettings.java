package dev.iopaint.spark;

import dev.iopaint.api.Device;
import dev.iopaint.api.UnsupportedInputException;

import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;

/**
 * One inpainting job: where images, masks and results live (any Hadoop file system URI), the model and its
 * settings. Shipped to the executors, so it holds only strings and flags.
 *
 * @param modelDir    the model folder every executor reads (null: each executor's default)
 * @param requestJson IOPaint's JSON request with the inpaint settings (null: the defaults)
 * @param failFast    a broken image fails the job instead of being recorded as failed
 * @param force       inpaint images whose result exists already
 */
public record JobSettings(String images, String masks, String output, String model, String modelDir,
                          String requestJson, Device device, boolean failFast, boolean force)
        implements Serializable {
    public JobSettings {
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(masks, "masks");
        Objects.requireNonNull(output, "output");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(device, "device");
        if (model.isBlank()) {
            throw new UnsupportedInputException("--model is empty; name a model, e.g. --model lama");
        }
    }

    /** The model settings an executor loads once: model, folder and device. */
    ModelKey modelKey() {
        return new ModelKey(model, modelDir, device);
    }

    /** Reads a device flag as {@code iopaint run} does (cpu, cuda or mps, any case). */
    static Device device(String name) {
        return Device.fromWireName(name.toLowerCase(Locale.ROOT));
    }

    record ModelKey(String model, String modelDir, Device device) implements Serializable {
    }
}
