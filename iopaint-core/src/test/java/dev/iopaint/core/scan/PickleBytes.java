package dev.iopaint.core.scan;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a pickle opcode by opcode, the way Python's pickler (protocol 2) lays it out. */
final class PickleBytes {
    static final int MARK = '(';
    static final int STOP = '.';
    static final int EMPTY_DICT = '}';
    static final int EMPTY_LIST = ']';
    static final int EMPTY_TUPLE = ')';
    static final int TUPLE = 't';
    static final int TUPLE1 = 0x85;
    static final int TUPLE2 = 0x86;
    static final int SETITEM = 's';
    static final int SETITEMS = 'u';
    static final int APPENDS = 'e';
    static final int REDUCE = 'R';
    static final int BUILD = 'b';
    static final int NEWOBJ = 0x81;
    static final int BINPERSID = 'Q';
    static final int NONE = 'N';
    static final int NEWTRUE = 0x88;
    static final int NEWFALSE = 0x89;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private int memoCount;

    PickleBytes op(int... opcodes) {
        for (int opcode : opcodes) {
            out.write(opcode);
        }
        return this;
    }

    PickleBytes proto2() {
        return op(0x80, 2);
    }

    /** BINUNICODE: a 4-byte little-endian length, then UTF-8. */
    PickleBytes str(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        op('X');
        littleEndian(utf8.length, 4);
        out.writeBytes(utf8);
        return this;
    }

    /** GLOBAL: module and name, each ending in a newline. */
    PickleBytes global(String module, String name) {
        op('c');
        out.writeBytes((module + "\n" + name + "\n").getBytes(StandardCharsets.US_ASCII));
        return this;
    }

    /** BININT1, BININT2 or BININT, as the pickler picks them. */
    PickleBytes integer(long value) {
        if (value >= 0 && value < 0x100) {
            return op('K', (int) value);
        }
        if (value >= 0 && value < 0x10000) {
            op('M');
            littleEndian(value, 2);
            return this;
        }
        op('J');
        littleEndian(value, 4);
        return this;
    }

    /** BINFLOAT: 8 bytes, big-endian. */
    PickleBytes real(double value) {
        op('G');
        long bits = Double.doubleToLongBits(value);
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (bits >>> shift) & 0xff);
        }
        return this;
    }

    /** LONG1: a length byte, then little-endian two's complement. */
    PickleBytes long1(byte... littleEndian) {
        op(0x8a, littleEndian.length);
        out.writeBytes(littleEndian);
        return this;
    }

    /** BINPUT of the next memo index, as the pickler stores every string, tuple, global and container. */
    PickleBytes memo() {
        return op('q', memoCount++);
    }

    /** The memo index the last {@link #memo()} used. */
    int lastMemo() {
        return memoCount - 1;
    }

    PickleBytes get(int index) {
        return op('h', index);
    }

    PickleBytes raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void littleEndian(long value, int count) {
        for (int i = 0; i < count; i++) {
            out.write((int) (value >>> (8 * i)) & 0xff);
        }
    }
}
