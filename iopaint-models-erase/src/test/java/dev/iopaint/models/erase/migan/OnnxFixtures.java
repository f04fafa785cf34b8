package dev.iopaint.models.erase.migan;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes small ONNX models that stand in for MI-GAN's exported pipeline, encoding the protobuf by hand (field
 * numbers from onnx.proto).
 */
final class OnnxFixtures {
    private static final int FLOAT = 1;
    private static final int UINT8 = 2;
    private static final int ATTRIBUTE_INT = 2;

    private OnnxFixtures() {
    }

    /**
     * A model with MI-GAN's pipeline signature whose result is {@code max(image, 255 - mask)}: pixels the mask
     * keeps (255) come back as they are, holes (0) turn white.
     */
    static Path writeWhiteHoles(Path file) throws IOException {
        return writeWhiteHoles(file, "image", "mask");
    }

    static Path writeWhiteHoles(Path file, String imageName, String maskName) throws IOException {
        Proto graph = new Proto()
                .message(1, node("Cast", "to_float_image", FLOAT, imageName, "image_f"))
                .message(1, node("Cast", "to_float_mask", FLOAT, maskName, "mask_f"))
                .message(1, node("Sub", "invert", -1, "c255", "mask_f", "holes"))
                .message(1, node("Max", "whiten", -1, "image_f", "holes", "result_f"))
                .message(1, node("Cast", "to_uint8", UINT8, "result_f", "result"))
                .string(2, "white_holes")
                .message(5, new Proto().varint(2, FLOAT).string(8, "c255").bytes(9,
                        ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putFloat(255f).array()))
                .message(11, uint8Input(imageName, 3))
                .message(11, uint8Input(maskName, 1))
                .message(12, uint8Input("result", 3));
        Proto model = new Proto()
                .varint(1, 7)                                  // ir_version
                .message(8, new Proto().varint(2, 13))         // opset_import: the default domain, opset 13
                .string(2, "iopaint-java tests")               // producer_name
                .message(7, graph);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, model.toByteArray());
        return file;
    }

    /** The last name is the output; {@code castTo} adds Cast's {@code to} attribute when not negative. */
    private static Proto node(String opType, String name, int castTo, String... names) {
        Proto node = new Proto();
        for (int i = 0; i < names.length - 1; i++) {
            node.string(1, names[i]);
        }
        node.string(2, names[names.length - 1]).string(3, name).string(4, opType);
        if (castTo >= 0) {
            node.message(5, new Proto().string(1, "to").varint(3, castTo).varint(20, ATTRIBUTE_INT));
        }
        return node;
    }

    /** A uint8 {@code [1, channels, H, W]} value with symbolic height and width. */
    private static Proto uint8Input(String name, int channels) {
        Proto shape = new Proto()
                .message(1, new Proto().varint(1, 1))
                .message(1, new Proto().varint(1, channels))
                .message(1, new Proto().string(2, "H"))
                .message(1, new Proto().string(2, "W"));
        Proto tensorType = new Proto().varint(1, UINT8).message(2, shape);
        return new Proto().string(1, name).message(2, new Proto().message(1, tensorType));
    }

    /** Just enough of the protobuf wire format: varints and length-delimited fields. */
    private static final class Proto {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Proto varint(int field, long value) {
            writeVarint((long) field << 3);
            writeVarint(value);
            return this;
        }

        Proto bytes(int field, byte[] value) {
            writeVarint((long) field << 3 | 2);
            writeVarint(value.length);
            out.writeBytes(value);
            return this;
        }

        Proto string(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Proto message(int field, Proto value) {
            return bytes(field, value.toByteArray());
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }

        private void writeVarint(long value) {
            long rest = value;
            while ((rest & ~0x7FL) != 0) {
                out.write((int) (rest & 0x7F) | 0x80);
                rest >>>= 7;
            }
            out.write((int) rest);
        }
    }
}
