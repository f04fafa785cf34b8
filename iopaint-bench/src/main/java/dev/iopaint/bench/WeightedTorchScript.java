package dev.iopaint.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a TorchScript archive that carries real weight: float32 parameters {@code p0, p1, ...} of
 * {@link #TENSOR_FLOATS} random values each (the last one shorter), stored uncompressed as {@code torch.jit.save}
 * stores them, so libtorch reads and copies every byte on load as it does for a real checkpoint. The forward is
 * given as TorchScript source and need not use the parameters.
 */
final class WeightedTorchScript {
    /** 4 MiB per tensor: a real checkpoint has many tensors, not one blob. */
    static final int TENSOR_FLOATS = 1 << 20;

    private WeightedTorchScript() {
    }

    /**
     * @param megabytes  total size of the parameters in MiB (at least 1)
     * @param parameters the forward's parameters after {@code self}, e.g. {@code "image: Tensor, mask: Tensor"}
     * @param body       the forward's body, one statement a line
     */
    static Path write(Path file, int megabytes, String parameters, String body) throws IOException {
        if (megabytes < 1) {
            throw new IllegalArgumentException("The parameters need at least 1 MiB, got " + megabytes);
        }
        long floats = (long) megabytes << 18;
        int tensors = (int) ((floats + TENSOR_FLOATS - 1) / TENSOR_FLOATS);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Random random = new Random(megabytes);
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            deflated(zip, "archive/code/__torch__.py", code(tensors, parameters, body));
            deflated(zip, "archive/data.pkl", pickle(floats, tensors));
            deflated(zip, "archive/constants.pkl", latin1("\u0080\u0002)."));
            deflated(zip, "archive/version", latin1("3"));
            for (int i = 0; i < tensors; i++) {
                stored(zip, "archive/data/" + i, randomFloats(random, numel(floats, i)));
            }
        }
        return file;
    }

    private static byte[] code(int tensors, String parameters, String body) {
        StringBuilder code = new StringBuilder("class Model(Module):\n  __parameters__ = [");
        for (int i = 0; i < tensors; i++) {
            code.append("\"p").append(i).append("\", ");
        }
        code.append("]\n  __buffers__ = []\n");
        for (int i = 0; i < tensors; i++) {
            code.append("  p").append(i).append(" : Tensor\n");
        }
        code.append("  training : bool\n")
                .append("  def forward(self: __torch__.Model, ").append(parameters).append(") -> Tensor:\n");
        body.lines().forEach(line -> code.append("    ").append(line).append('\n'));
        return code.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Protocol 2, as {@code torch.jit.save} writes it: a {@code Model} object whose state dict holds
     * {@code training = False} and each parameter as {@code _rebuild_tensor_v2(storage, 0, (n,), (1,), False,
     * OrderedDict())}, the storage a persistent id {@code ('storage', FloatStorage, '<i>', 'cpu', n)} that names
     * the record {@code data/<i>}.
     */
    private static byte[] pickle(long floats, int tensors) {
        Pickle pickle = new Pickle();
        pickle.raw("\u0080\u0002").global("__torch__", "Model").raw(")\u0081}(");
        pickle.string("training").raw("\u0089");
        for (int i = 0; i < tensors; i++) {
            int numel = numel(floats, i);
            pickle.string("p" + i).global("torch._utils", "_rebuild_tensor_v2").raw("((");
            pickle.string("storage").global("torch", "FloatStorage").string(Integer.toString(i)).string("cpu")
                    .integer(numel).raw("tQ");
            pickle.integer(0).integer(numel).raw("\u0085").integer(1).raw("\u0085\u0089");
            pickle.global("collections", "OrderedDict").raw(")RtR");
        }
        pickle.raw("ub.");
        return pickle.bytes();
    }

    private static int numel(long floats, int tensor) {
        return (int) Math.min(TENSOR_FLOATS, floats - (long) tensor * TENSOR_FLOATS);
    }

    /** Small random weights, little-endian as torch stores them. */
    private static byte[] randomFloats(Random random, int count) {
        ByteBuffer buffer = ByteBuffer.allocate(count * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < count; i++) {
            buffer.putFloat((float) (random.nextGaussian() * 0.02));
        }
        return buffer.array();
    }

    private static void deflated(ZipOutputStream zip, String name, byte[] content) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(content);
        zip.closeEntry();
    }

    private static void stored(ZipOutputStream zip, String name, byte[] content) throws IOException {
        ZipEntry entry = new ZipEntry(name);
        CRC32 crc = new CRC32();
        crc.update(content);
        entry.setMethod(ZipEntry.STORED);
        entry.setSize(content.length);
        entry.setCompressedSize(content.length);
        entry.setCrc(crc.getValue());
        zip.putNextEntry(entry);
        zip.write(content);
        zip.closeEntry();
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The few pickle opcodes a TorchScript state needs. */
    private static final class Pickle {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Pickle raw(String opcodes) {
            out.writeBytes(latin1(opcodes));
            return this;
        }

        Pickle global(String module, String name) {
            return raw("c" + module + "\n" + name + "\n");
        }

        /** BINUNICODE: 'X', the UTF-8 length as 4 little-endian bytes, the text. */
        Pickle string(String text) {
            byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
            out.write('X');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(utf8.length).array());
            out.writeBytes(utf8);
            return this;
        }

        /** BININT: 'J' and 4 little-endian bytes. */
        Pickle integer(int value) {
            out.write('J');
            out.writeBytes(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            return this;
        }

        byte[] bytes() {
            return out.toByteArray();
        }
    }
}
