package dev.iopaint.core.scan;

import static dev.iopaint.core.scan.PickleBytes.BINPERSID;
import static dev.iopaint.core.scan.PickleBytes.BUILD;
import static dev.iopaint.core.scan.PickleBytes.EMPTY_DICT;
import static dev.iopaint.core.scan.PickleBytes.EMPTY_TUPLE;
import static dev.iopaint.core.scan.PickleBytes.MARK;
import static dev.iopaint.core.scan.PickleBytes.NEWFALSE;
import static dev.iopaint.core.scan.PickleBytes.REDUCE;
import static dev.iopaint.core.scan.PickleBytes.SETITEM;
import static dev.iopaint.core.scan.PickleBytes.SETITEMS;
import static dev.iopaint.core.scan.PickleBytes.STOP;
import static dev.iopaint.core.scan.PickleBytes.TUPLE;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/** Builds small checkpoints in the exact on-disk formats of safetensors and torch.save. */
final class Fixtures {
    static final String UNET_INPUT_CONV = "model.diffusion_model.input_blocks.0.0.weight";
    static final long[] INPAINT = {320, 9, 3, 3};
    static final long[] NORMAL = {320, 4, 3, 3};

    private Fixtures() {
    }

    /** One tensor named {@link #UNET_INPUT_CONV} plus an output bias, as an original SD checkpoint has. */
    static Map<String, long[]> unet(long[] inputConvShape) {
        Map<String, long[]> tensors = new LinkedHashMap<>();
        tensors.put(UNET_INPUT_CONV, inputConvShape);
        tensors.put("model.diffusion_model.out.2.bias", new long[] {4});
        return tensors;
    }

    /** A real safetensors file: F16 tensors, zero-filled, header padded to 8 bytes like the reference writer. */
    static Path safetensors(Path file, Map<String, long[]> tensors) throws IOException {
        StringJoiner header = new StringJoiner(",", "{", "}");
        header.add("\"__metadata__\":{\"format\":\"pt\"}");
        long offset = 0;
        for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
            long bytes = 2 * numel(tensor.getValue());
            header.add("\"" + tensor.getKey() + "\":{\"dtype\":\"F16\",\"shape\":" + json(tensor.getValue())
                    + ",\"data_offsets\":[" + offset + "," + (offset + bytes) + "]}");
            offset += bytes;
        }
        String text = header.toString();
        text += " ".repeat((8 - text.length() % 8) % 8);
        return safetensors(file, text, offset);
    }

    /** A safetensors file with exactly this header text and a zero-filled data section. */
    static Path safetensors(Path file, String headerJson, long dataBytes) throws IOException {
        byte[] json = headerJson.getBytes(StandardCharsets.UTF_8);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(json.length).array());
            out.write(json);
            out.write(new byte[(int) dataBytes]);
        }
        return file;
    }

    /**
     * The data.pkl torch.save writes (protocol 2) for a state dict of F16 tensors: an OrderedDict of
     * {@code _rebuild_tensor_v2(persistent_load(('storage', HalfStorage, key, 'cpu', numel)), 0, size, stride,
     * False, OrderedDict())}, with its {@code _metadata} set by BUILD; inside {@code {"epoch": 6,
     * "global_step": 470000, "state_dict": ...}} when {@code lightning}.
     */
    static byte[] torchPickle(boolean lightning, Map<String, long[]> tensors) {
        PickleBytes p = new PickleBytes().proto2();
        if (lightning) {
            p.op(EMPTY_DICT).memo().op(MARK)
                    .str("epoch").memo().integer(6)
                    .str("global_step").memo().integer(470000)
                    .str("state_dict").memo();
        }
        p.global("collections", "OrderedDict").memo();
        int orderedDict = p.lastMemo();
        p.op(EMPTY_TUPLE, REDUCE).memo().op(MARK);
        int rebuild = -1;
        int storage = -1;
        int halfStorage = -1;
        int cpu = -1;
        int key = 0;
        for (Map.Entry<String, long[]> tensor : tensors.entrySet()) {
            long[] shape = tensor.getValue();
            p.str(tensor.getKey()).memo();
            if (rebuild < 0) {
                rebuild = p.global("torch._utils", "_rebuild_tensor_v2").memo().lastMemo();
            } else {
                p.get(rebuild);
            }
            p.op(MARK).op(MARK);
            if (storage < 0) {
                storage = p.str("storage").memo().lastMemo();
                halfStorage = p.global("torch", "HalfStorage").memo().lastMemo();
            } else {
                p.get(storage).get(halfStorage);
            }
            p.str(String.valueOf(key++)).memo();
            if (cpu < 0) {
                cpu = p.str("cpu").memo().lastMemo();
            } else {
                p.get(cpu);
            }
            p.integer(numel(shape)).op(TUPLE).memo().op(BINPERSID).integer(0);
            tuple(p, shape);
            tuple(p, strides(shape));
            p.op(NEWFALSE).get(orderedDict).op(EMPTY_TUPLE, REDUCE).memo().op(TUPLE).memo().op(REDUCE).memo();
        }
        p.op(SETITEMS);
        p.op(EMPTY_DICT).memo().str("_metadata").memo().get(orderedDict).op(EMPTY_TUPLE, REDUCE).memo()
                .op(SETITEM).op(BUILD);
        if (lightning) {
            p.op(SETITEMS);
        }
        return p.op(STOP).bytes();
    }

    /** A zip-format torch checkpoint: {@code archive/data.pkl}, {@code archive/version} and the storages. */
    static Path zipCheckpoint(Path file, byte[] dataPkl) throws IOException {
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(dataPkl);
            zip.putNextEntry(new ZipEntry("archive/data/0"));
            zip.write(new byte[64]);
            zip.putNextEntry(new ZipEntry("archive/version"));
            zip.write("3\n".getBytes(StandardCharsets.US_ASCII));
            zip.closeEntry();
        }
        return file;
    }

    /**
     * A legacy (pre-1.6) torch checkpoint: pickles of the magic number, the protocol version 1001 and the system
     * info, then the object pickle, then the storage keys and raw storage bytes.
     */
    static Path legacyCheckpoint(Path file, byte[] objectPickle) throws IOException {
        byte[] magic = new PickleBytes().proto2()
                .long1((byte) 0x6c, (byte) 0xfc, (byte) 0x9c, (byte) 0x46, (byte) 0xf9, (byte) 0x20, (byte) 0x6a,
                        (byte) 0xa8, (byte) 0x50, (byte) 0x19)
                .op(STOP).bytes();
        byte[] protocol = new PickleBytes().proto2().integer(1001).op(STOP).bytes();
        byte[] sysInfo = new PickleBytes().proto2().op(EMPTY_DICT).memo().op(MARK)
                .str("protocol_version").memo().integer(1001)
                .str("little_endian").memo().op(PickleBytes.NEWTRUE)
                .str("type_sizes").memo().op(EMPTY_DICT).memo().op(MARK)
                .str("short").memo().integer(2).str("int").memo().integer(4).str("long").memo().integer(4)
                .op(SETITEMS).op(SETITEMS).op(STOP).bytes();
        byte[] storageKeys = new PickleBytes().proto2().op(PickleBytes.EMPTY_LIST).memo().op(MARK).str("0").memo()
                .op(PickleBytes.APPENDS).op(STOP).bytes();
        try (OutputStream out = Files.newOutputStream(file)) {
            for (byte[] part : new byte[][] {magic, protocol, sysInfo, objectPickle, storageKeys, new byte[64]}) {
                out.write(part);
            }
        }
        return file;
    }

    static long numel(long[] shape) {
        return Arrays.stream(shape).reduce(1, (a, b) -> a * b);
    }

    private static long[] strides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** A tuple as the pickler writes it: TUPLE1..3 for short ones, MARK ... TUPLE otherwise. */
    private static void tuple(PickleBytes p, long[] values) {
        if (values.length == 0) {
            p.op(EMPTY_TUPLE);
            return;
        }
        if (values.length > 3) {
            p.op(MARK);
        }
        for (long value : values) {
            p.integer(value);
        }
        p.op(switch (values.length) {
            case 1 -> PickleBytes.TUPLE1;
            case 2 -> PickleBytes.TUPLE2;
            case 3 -> 0x87;
            default -> TUPLE;
        });
        p.memo();
    }

    private static String json(long[] shape) {
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(",", "[", "]"));
    }
}
