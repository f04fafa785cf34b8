package dev.iopaint.bench;

import dev.iopaint.api.ModelDirectory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A scratch model directory holding ONNX files where the plugins look for them ({@code torch/hub/checkpoints}), as
 * links to the real files.
 */
final class OnnxModelDir {
    private OnnxModelDir() {
    }

    /**
     * @param files          stored file name to the real file
     * @return the model directory's root, to delete with {@link Folders#deleteTree}
     */
    static Path create(Map<String, Path> files) throws IOException {
        Path root = Files.createTempDirectory("iopaint-bench-onnx");
        Path checkpoints = new ModelDirectory(root).torchCheckpoints();
        Files.createDirectories(checkpoints);
        for (Map.Entry<String, Path> file : files.entrySet()) {
            Files.createSymbolicLink(checkpoints.resolve(file.getKey()), file.getValue().toAbsolutePath());
        }
        return root;
    }
}
