package dev.iopaint.api;

import java.util.List;
import java.util.Objects;

/**
 * One model a plugin can run, as data: the name users pick ({@code --remove-bg-model u2netp}) and the files it
 * needs, each with its URL and MD5 like any model's.
 */
public record PluginModelSpec(String name, List<ModelFile> files) {
    public PluginModelSpec {
        Objects.requireNonNull(name, "name");
        files = List.copyOf(files);
        if (name.isBlank()) {
            throw new IllegalArgumentException("A plugin model name must not be blank");
        }
    }
}
