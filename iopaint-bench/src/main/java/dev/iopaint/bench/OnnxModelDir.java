package dev.iopaint.bench;

import dev.iopaint.api.ModelDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A scratch model directory holding ONNX files where the plugins look for them ({@code torch/hub/checkpoints}), as
 * links to the real files, and optionally the intra-op thread count for DJL's OnnxRuntime engine: DJL reads the
 * {@code option.*} entries of a {@code serving.properties} next to a model file into its session options, which is
 * the one way to set them without changing the plugins.
 */
final class OnnxModelDir {
    private OnnxModelDir() {
    }

    /**
     * @param files          stored file name to the real file
     * @param intraOpThreads the sessions' intra-op threads, or 0 for ONNX Runtime's default (what DJL uses)
     * @return the model directory's root, to delete with {@link Folders#deleteTree}
     */
    static Path create(Map<String, Path> files, int intraOpThreads) throws IOException {
        Path root = Files.createTempDirectory("iopaint-bench-onnx");
        Path checkpoints = new ModelDirectory(root).torchCheckpoints();
        Files.createDirectories(checkpoints);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Files.createSymbolicLink(checkpoints.resolve(file.getKey()), file.getValue().toAbsolutePath());
        }
        if (intraOpThreads > 0) {
            Files.writeString(checkpoints.resolve("serving.properties"),
                    "option.intraOpNumThreads=" + intraOpThreads + "\n");
        }
        return root;
    }
}
