package dev.iopaint.server.cli;

import dev.iopaint.api.ModelDirectory;
import dev.iopaint.api.spi.ModelStore;
import dev.iopaint.core.download.DefaultModelStore;
import dev.iopaint.core.download.DownloadSettings;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.Map;

/** IOPaint's {@code --model-dir}: where models are looked for and downloaded to. */
final class ModelDirOption {
    @Option(names = "--model-dir", paramLabel = "DIR",
            description = "Model folder (default: $XDG_CACHE_HOME, else ~/.cache), laid out as IOPaint's.")
    Path modelDir;

    /** The model files of the folder; downloads honour the environment's URL and MD5 overrides. */
    ModelStore store(Map<String, String> environment) {
        return new DefaultModelStore(resolve(environment), DownloadSettings.defaults().withOverrides(environment));
    }

    ModelDirectory resolve(Map<String, String> environment) {
        return modelDir != null ? new ModelDirectory(modelDir)
                : ModelDirectory.defaultFor(environment, Path.of(System.getProperty("user.home")));
    }
}
