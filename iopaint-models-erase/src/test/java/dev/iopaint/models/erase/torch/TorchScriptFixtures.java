package dev.iopaint.models.erase.torch;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes small TorchScript archives that stand in for real weights: a parameter-free module whose
 * {@code forward} is given as TorchScript source, with the signature of the model it replaces.
 */
public final class TorchScriptFixtures {
    private TorchScriptFixtures() {
    }

    /**
     * @param parameters the forward's parameters after {@code self}, e.g. {@code "image: Tensor, mask: Tensor"}
     * @param body       the forward's body, one statement a line, e.g. {@code "return image"}
     */
    public static Path write(Path file, String parameters, String body) throws IOException {
        StringBuilder code = new StringBuilder()
                .append("class Model(Module):\n")
                .append("  __parameters__ = []\n")
                .append("  __buffers__ = []\n")
                .append("  training : bool\n")
                .append("  def forward(self: __torch__.Model, ").append(parameters).append(") -> Tensor:\n");
        body.lines().forEach(line -> code.append("    ").append(line).append('\n'));
        Files.createDirectories(file.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            entry(zip, "archive/code/__torch__.py", code.toString().getBytes(StandardCharsets.UTF_8));
            // A protocol-2 pickle of a Model object whose only attribute is training = False.
            entry(zip, "archive/data.pkl", latin1("\u0080\u0002c__torch__\nModel\nq\u0000)\u0081q\u0001}q\u0002"
                    + "X\u0008\u0000\u0000\u0000trainingq\u0003\u0089sb."));
            entry(zip, "archive/constants.pkl", latin1("\u0080\u0002)."));
            entry(zip, "archive/version", latin1("3"));
        }
        return file;
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static void entry(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }
}
