package dev.iopaint.core.scan;

import dev.iopaint.api.ModelLoadException;
import dev.iopaint.core.scan.PickleReader.Call;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Reads tensor shapes from a PyTorch checkpoint ({@code torch.save}, e.g. an original Stable Diffusion
 * {@code .ckpt}) without loading any weights: only the pickled object tree is read, never the storages, and the
 * pickle is interpreted as data, never executed.
 * <p>
 * Both of torch's formats are read: the zip format ({@code <prefix>/data.pkl}, PyTorch 1.6 and later) and the
 * legacy format (a magic-number pickle, a protocol-version pickle, a system-info pickle, then the object pickle).
 */
public final class TorchCheckpoint {

    /** The object pickle of a real checkpoint is at most a few MB; this bounds memory for garbage input. */
    static final long MAX_PICKLE_BYTES = 64L * 1024 * 1024;

    /** Wrappers seen around a tensor: Parameter, tensor subclass. Deeper nesting is not a real checkpoint. */
    private static final int MAX_WRAPPERS = 8;

    private static final byte[] ZIP_MAGIC = {'P', 'K', 3, 4};
    private static final BigInteger LEGACY_MAGIC = new BigInteger("1950a86a20f9469cfc6c", 16);
    private static final long LEGACY_PROTOCOL = 1001;

    private TorchCheckpoint() {
    }

    /**
     * The shape of tensor {@code name} in the checkpoint's state dict (the {@code "state_dict"} entry when the
     * checkpoint has one, as Lightning checkpoints do, else the top-level dict).
     *
     * @return the shape, or empty when the checkpoint has no such tensor
     * @throws ModelLoadException if the file cannot be read or is not a PyTorch checkpoint
     */
    public static Optional<List<Long>> tensorShape(Path file, String name) {
        Map<?, ?> root = dict(readObject(file));
        Map<?, ?> nested = dict(root.get("state_dict"));
        return shapeOf((nested.isEmpty() ? root : nested).get(name), 0);
    }

    /** A dict, an OrderedDict, or the items of a dict subclass; empty for anything else. */
    private static Map<?, ?> dict(Object value) {
        if (value instanceof Map<?, ?> map) {
            return map;
        }
        return value instanceof Call call ? call.items() : Map.of();
    }

    /** The checkpoint's object tree, as {@link PickleReader} represents it. */
    static Object readObject(Path file) {
        try {
            byte[] head;
            try (InputStream in = Files.newInputStream(file)) {
                head = in.readNBytes(ZIP_MAGIC.length);
            }
            if (Arrays.equals(head, ZIP_MAGIC)) {
                return readZip(file);
            }
            if (head.length > 0 && (head[0] & 0xff) == 0x80) {
                return readLegacy(file);
            }
            throw new ModelLoadException("it starts with neither a zip nor a pickle header");
        } catch (IOException | ModelLoadException e) {
            throw new ModelLoadException(file + " is not a readable PyTorch checkpoint: " + e.getMessage()
                    + "; delete it or download it again", e);
        } catch (StackOverflowError e) {
            // Hashing a dict key made of tuples nested a million deep: only a crafted file does that.
            throw new ModelLoadException(file + " is not a readable PyTorch checkpoint: its pickle nests too deeply");
        }
    }

    private static Object readZip(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.stream()
                    .filter(e -> e.getName().matches("[^/]+/data\\.pkl"))
                    .findFirst()
                    .orElseThrow(() -> new ModelLoadException("the zip has no <prefix>/data.pkl entry"));
            try (InputStream in = new BufferedInputStream(zip.getInputStream(entry))) {
                return PickleReader.read(in, MAX_PICKLE_BYTES);
            }
        }
    }

    private static Object readLegacy(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file))) {
            Object magic = PickleReader.read(in, MAX_PICKLE_BYTES);
            if (!LEGACY_MAGIC.equals(magic)) {
                throw new ModelLoadException("it starts with a pickle, but not torch's legacy magic number");
            }
            Object protocol = PickleReader.read(in, MAX_PICKLE_BYTES);
            if (!Long.valueOf(LEGACY_PROTOCOL).equals(protocol)) {
                throw new ModelLoadException("legacy protocol version " + protocol + " (expected " + LEGACY_PROTOCOL
                        + ")");
            }
            PickleReader.read(in, MAX_PICKLE_BYTES); // system info: byte order and type sizes, all little-endian
            return PickleReader.read(in, MAX_PICKLE_BYTES);
        }
    }

    /** The size argument of a tensor's rebuild call, looking through Parameter and subclass wrappers. */
    private static Optional<List<Long>> shapeOf(Object value, int depth) {
        if (depth > MAX_WRAPPERS || !(value instanceof Call call)
                || !(call.callable() instanceof PickleReader.Global global)) {
            return Optional.empty();
        }
        List<Object> args = call.args();
        String function = global.qualifiedName();
        if (function.startsWith("torch._utils._rebuild_tensor") && args.size() > 2) {
            return longs(args.get(2)); // (storage, storage_offset, size, stride, ...)
        }
        if (function.startsWith("torch._utils._rebuild_parameter") && !args.isEmpty()) {
            return shapeOf(args.get(0), depth + 1); // (data, requires_grad, backward_hooks[, state])
        }
        if (function.endsWith("._rebuild_from_type_v2") && args.size() > 2) {
            // (func, new_type, args, state): the tensor is func(*args)
            return shapeOf(new Call(args.get(0), toList(args.get(2)), Map.of()), depth + 1);
        }
        return Optional.empty();
    }

    private static Optional<List<Long>> longs(Object value) {
        if (!(value instanceof List<?> list)) {
            return Optional.empty();
        }
        List<Long> result = new ArrayList<>();
        for (Object item : list) {
            if (!(item instanceof Long dimension)) {
                return Optional.empty();
            }
            result.add(dimension);
        }
        return Optional.of(List.copyOf(result));
    }

    private static List<Object> toList(Object value) {
        return value instanceof List<?> list ? new ArrayList<>(list) : List.of();
    }
}
