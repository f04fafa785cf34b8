package dev.iopaint.core.scan;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.iopaint.api.ModelLoadException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The header of a {@code .safetensors} file: an 8-byte little-endian length, then that many bytes of JSON naming
 * each tensor's dtype, shape and byte range in the data section that follows. Reading it never touches the
 * weights, so a multi-gigabyte checkpoint is classified in microseconds.
 *
 * @param tensors   every tensor, in the header's order
 * @param metadata  the optional {@code __metadata__} string map
 * @param dataStart the file offset where the data section begins ({@code 8 + header length})
 */
public record SafetensorsHeader(Map<String, Tensor> tensors, Map<String, String> metadata, long dataStart) {

    /** Headers above this size are refused: real ones are well under a few MB, so anything bigger is garbage. */
    public static final long MAX_HEADER_BYTES = 100L * 1024 * 1024;

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * One tensor's entry.
     *
     * @param begin offset of its first byte, relative to {@link #dataStart()}
     * @param end   offset just past its last byte, relative to {@link #dataStart()}
     */
    public record Tensor(String dtype, List<Long> shape, long begin, long end) {
        public Tensor {
            Objects.requireNonNull(dtype, "dtype");
            shape = List.copyOf(shape);
            if (begin < 0 || end < begin) {
                throw new IllegalArgumentException("Invalid data offsets [" + begin + ", " + end + "]");
            }
        }
    }

    public SafetensorsHeader {
        tensors = Collections.unmodifiableMap(new LinkedHashMap<>(tensors));
        metadata = Map.copyOf(metadata);
    }

    public Optional<Tensor> tensor(String name) {
        return Optional.ofNullable(tensors.get(name));
    }

    /**
     * Reads the header of {@code file}.
     *
     * @throws ModelLoadException if the file cannot be read, is not a safetensors file, or is truncated
     */
    public static SafetensorsHeader read(Path file) {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size < 8) {
                throw corrupt(file, "it is only " + size + " bytes long");
            }
            long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
            if (headerLength <= 0 || headerLength > MAX_HEADER_BYTES) {
                throw corrupt(file, "its first 8 bytes declare a header of " + Long.toUnsignedString(headerLength)
                        + " bytes (at most " + MAX_HEADER_BYTES + " allowed)");
            }
            if (8 + headerLength > size) {
                throw corrupt(file, "it declares a " + headerLength + "-byte header but is only " + size
                        + " bytes long (truncated download?)");
            }
            ByteBuffer header = readFully(channel, 8, (int) headerLength);
            return parse(file, header.array(), 8 + headerLength, size - 8 - headerLength);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new IOException("unexpected end of file");
            }
        }
        return buffer.flip();
    }

    private static SafetensorsHeader parse(Path file, byte[] json, long dataStart, long dataLength) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (IOException e) {
            String detail = e instanceof JacksonException je ? je.getOriginalMessage() : e.getMessage();
            throw corrupt(file, "its header is not valid JSON (" + detail + ")");
        }
        if (root == null || !root.isObject()) {
            throw corrupt(file, "its header is not a JSON object");
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : root.properties()) {
            if (entry.getKey().equals("__metadata__")) {
                entry.getValue().properties().forEach(m -> metadata.put(m.getKey(), m.getValue().asText()));
            } else {
                tensors.put(entry.getKey(), tensor(file, entry.getKey(), entry.getValue(), dataLength));
            }
        }
        return new SafetensorsHeader(tensors, metadata, dataStart);
    }

    private static Tensor tensor(Path file, String name, JsonNode node, long dataLength) {
        JsonNode dtype = node.path("dtype");
        JsonNode shape = node.path("shape");
        JsonNode offsets = node.path("data_offsets");
        if (!dtype.isTextual() || !shape.isArray() || !offsets.isArray() || offsets.size() != 2) {
            throw corrupt(file, "tensor '" + name + "' lacks a dtype, shape or two data_offsets");
        }
        List<Long> dims = new ArrayList<>();
        for (JsonNode dim : shape) {
            if (!dim.canConvertToExactIntegral() || !dim.canConvertToLong() || dim.asLong() < 0) {
                throw corrupt(file, "tensor '" + name + "' has an invalid shape " + shape);
            }
            dims.add(dim.asLong());
        }
        long begin = offsets.get(0).asLong(-1);
        long end = offsets.get(1).asLong(-1);
        if (!offsets.get(0).isIntegralNumber() || !offsets.get(1).isIntegralNumber()
                || begin < 0 || end < begin || end > dataLength) {
            throw corrupt(file, "tensor '" + name + "' has data offsets " + offsets + " outside the "
                    + dataLength + "-byte data section (truncated download?)");
        }
        return new Tensor(dtype.asText(), dims, begin, end);
    }

    private static ModelLoadException corrupt(Path file, String why) {
        return new ModelLoadException(file + " is not a valid safetensors file: " + why
                + "; delete it or download it again");
    }
}
