package dev.iopaint.core.scan;

import dev.iopaint.api.ModelLoadException;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A safe reader for Python pickles (protocols 2 to 5, the binary opcodes PyTorch checkpoints use). It never
 * imports or runs anything: a global is recorded as a {@link Global}, a call (REDUCE, NEWOBJ) as a {@link Call}
 * and a persistent id as a {@link PersistentId}, so the result is plain data to inspect.
 * <p>
 * Python values map to: dict to {@link LinkedHashMap}, list to {@link ArrayList}, tuple to an unmodifiable
 * {@link List}, set to {@link LinkedHashSet}, str to {@link String}, bytes to {@code byte[]}, int to {@link Long}
 * (or {@link BigInteger} when larger), float to {@link Double}, bool to {@link Boolean}, None to {@code null}.
 * {@code collections.OrderedDict()} becomes a {@link LinkedHashMap} too, because state dicts are made of them.
 */
final class PickleReader {

    /** A reference to {@code module.name}, never resolved. */
    record Global(String module, String name) {
        String qualifiedName() {
            return module + "." + name;
        }
    }

    /**
     * {@code callable(*args)} as data, with the items SETITEMS adds to the result (a dict subclass's content).
     * Elements appended to it and BUILD state are dropped: object attributes never hold what we look for.
     */
    record Call(Object callable, List<Object> args, Map<Object, Object> items) {
    }

    /** What {@code persistent_load} would have been asked to resolve (for torch: a storage reference). */
    record PersistentId(Object id) {
    }

    private static final Object MARK = new Object();

    private final InputStream in;
    private final long limit;
    private long position;
    private final List<Object> stack = new ArrayList<>();
    private final List<Integer> marks = new ArrayList<>();
    private final Map<Long, Object> memo = new HashMap<>();

    private PickleReader(InputStream in, long limit) {
        this.in = in;
        this.limit = limit;
    }

    /**
     * Reads one pickle from {@code in}, consuming exactly its bytes (so several pickles can follow one another).
     *
     * @param limit the most bytes the pickle may span; bounds memory for hostile input
     * @throws ModelLoadException if the bytes are not a pickle this reader understands, or end early
     */
    static Object read(InputStream in, long limit) throws IOException {
        return new PickleReader(in, limit).run();
    }

    private Object run() throws IOException {
        while (true) {
            long at = position;
            int op = u1();
            switch (op) {
                case 0x80 -> u1(); // PROTO: the version does not change how we read
                case 0x95 -> bytes(8); // FRAME: only a read-ahead hint
                case '.' -> {
                    return finish();
                }
                case '(' -> {
                    marks.add(stack.size());
                    stack.add(MARK);
                }
                case '0' -> pop();
                case '1' -> popMark();
                case '2' -> push(peek());
                case 'N' -> push(null);
                case 0x88 -> push(Boolean.TRUE);
                case 0x89 -> push(Boolean.FALSE);
                case 'J' -> push((long) le(4).getInt());
                case 'K' -> push((long) u1());
                case 'M' -> push((long) (le(2).getShort() & 0xffff));
                case 0x8a -> push(signedLittleEndian(bytes(u1())));
                case 0x8b -> push(signedLittleEndian(bytes(length(le(4).getInt()))));
                case 'G' -> push(ByteBuffer.wrap(bytes(8)).getDouble());
                case 'X' -> push(utf8(bytes(length(le(4).getInt() & 0xffffffffL))));
                case 0x8c -> push(utf8(bytes(u1())));
                case 0x8d -> push(utf8(bytes(length(le(8).getLong()))));
                case 'T' -> push(utf8(bytes(length(le(4).getInt()))));
                case 'U' -> push(utf8(bytes(u1())));
                case 'B' -> push(bytes(length(le(4).getInt() & 0xffffffffL)));
                case 'C' -> push(bytes(u1()));
                case 0x8e, 0x96 -> push(bytes(length(le(8).getLong())));
                case '}' -> push(new LinkedHashMap<>());
                case ']' -> push(new ArrayList<>());
                case ')' -> push(List.of());
                case 0x8f -> push(new LinkedHashSet<>());
                case 'd' -> push(dict(popMark(), at));
                case 'l' -> push(new ArrayList<>(popMark()));
                case 't' -> push(tuple(popMark()));
                case 0x85 -> push(tuple(Collections.singletonList(pop())));
                case 0x86 -> {
                    Object second = pop();
                    push(tuple(Arrays.asList(pop(), second)));
                }
                case 0x87 -> {
                    Object third = pop();
                    Object second = pop();
                    push(tuple(Arrays.asList(pop(), second, third)));
                }
                case 0x91 -> push(Collections.unmodifiableSet(new LinkedHashSet<>(popMark())));
                case 'a' -> {
                    Object value = pop();
                    append(peek(), Collections.singletonList(value), at);
                }
                case 'e' -> {
                    List<Object> values = popMark();
                    append(peek(), values, at);
                }
                case 0x90 -> {
                    List<Object> values = popMark();
                    addToSet(peek(), values, at);
                }
                case 's' -> {
                    Object value = pop();
                    Object key = pop();
                    setItems(peek(), Arrays.asList(key, value), at);
                }
                case 'u' -> {
                    List<Object> pairs = popMark();
                    setItems(peek(), pairs, at);
                }
                case 'q' -> memo.put((long) u1(), peek());
                case 'r' -> memo.put(le(4).getInt() & 0xffffffffL, peek());
                case 0x94 -> memo.put((long) memo.size(), peek());
                case 'h' -> push(recall(u1(), at));
                case 'j' -> push(recall(le(4).getInt() & 0xffffffffL, at));
                case 'c' -> push(new Global(line(), line()));
                case 0x93 -> {
                    Object name = pop();
                    push(new Global(String.valueOf(pop()), String.valueOf(name)));
                }
                case 'R', 0x81 -> { // REDUCE, NEWOBJ
                    Object args = pop();
                    push(call(pop(), args, at));
                }
                case 0x92 -> {
                    pop(); // NEWOBJ_EX's kwargs: irrelevant for locating tensors
                    Object args = pop();
                    push(call(pop(), args, at));
                }
                case 'b' -> pop(); // BUILD sets attributes (see Call); the object stays as it is
                case 'Q' -> push(new PersistentId(pop()));
                case 'P' -> push(new PersistentId(line()));
                default -> throw unsupported(String.format("opcode 0x%02x", op), at);
            }
        }
    }

    private Object finish() {
        if (stack.size() != 1 || !marks.isEmpty()) {
            throw new ModelLoadException("Malformed pickle: STOP at byte " + (position - 1) + " leaves "
                    + stack.size() + " values on the stack");
        }
        return stack.get(0);
    }

    private static Object call(Object callable, Object args, long at) {
        if (!(args instanceof List<?> argList)) {
            throw new ModelLoadException("Malformed pickle: a call at byte " + at + " has no argument tuple");
        }
        if (callable instanceof Global g && g.qualifiedName().equals("collections.OrderedDict") && argList.isEmpty()) {
            return new LinkedHashMap<>();
        }
        return new Call(callable, Collections.unmodifiableList(new ArrayList<>(argList)), new LinkedHashMap<>());
    }

    @SuppressWarnings("unchecked")
    private static void append(Object target, List<Object> values, long at) {
        if (target instanceof ArrayList<?> list) {
            ((List<Object>) list).addAll(values);
        } else if (!(target instanceof Call)) {
            throw new ModelLoadException("Malformed pickle: APPEND at byte " + at + " onto a non-list");
        }
    }

    @SuppressWarnings("unchecked")
    private static void addToSet(Object target, List<Object> values, long at) {
        if (!(target instanceof LinkedHashSet<?> set)) {
            throw new ModelLoadException("Malformed pickle: ADDITEMS at byte " + at + " onto a non-set");
        }
        ((Set<Object>) set).addAll(values);
    }

    @SuppressWarnings("unchecked")
    private static void setItems(Object target, List<Object> pairs, long at) {
        Map<Object, Object> map;
        if (target instanceof Call call) {
            map = call.items();
        } else if (target instanceof LinkedHashMap<?, ?> dict) {
            map = (Map<Object, Object>) dict;
        } else {
            throw new ModelLoadException("Malformed pickle: SETITEM at byte " + at + " onto a non-dict");
        }
        if (pairs.size() % 2 != 0) {
            throw new ModelLoadException("Malformed pickle: SETITEMS at byte " + at + " with an odd item count");
        }
        for (int i = 0; i < pairs.size(); i += 2) {
            map.put(pairs.get(i), pairs.get(i + 1));
        }
    }

    private static Map<Object, Object> dict(List<Object> pairs, long at) {
        Map<Object, Object> map = new LinkedHashMap<>();
        setItems(map, pairs, at);
        return map;
    }

    private static List<Object> tuple(List<Object> items) {
        return Collections.unmodifiableList(new ArrayList<>(items));
    }

    private Object recall(long key, long at) {
        if (!memo.containsKey(key)) {
            throw new ModelLoadException("Malformed pickle: byte " + at + " recalls memo " + key + ", never stored");
        }
        return memo.get(key);
    }

    private void push(Object value) {
        stack.add(value);
    }

    private Object peek() {
        if (stack.isEmpty() || stack.get(stack.size() - 1) == MARK) {
            throw new ModelLoadException("Malformed pickle: stack underflow at byte " + position);
        }
        return stack.get(stack.size() - 1);
    }

    private Object pop() {
        Object top = peek();
        stack.remove(stack.size() - 1);
        return top;
    }

    /** Removes everything above the last MARK, and the MARK, returning what was above it in order. */
    private List<Object> popMark() {
        if (marks.isEmpty()) {
            throw new ModelLoadException("Malformed pickle: no MARK before byte " + position);
        }
        int mark = marks.remove(marks.size() - 1);
        List<Object> above = new ArrayList<>(stack.subList(mark + 1, stack.size()));
        stack.subList(mark, stack.size()).clear();
        return above;
    }

    private int u1() throws IOException {
        if (position >= limit) {
            throw tooLong();
        }
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the pickle ends early, at byte " + position);
        }
        position++;
        return b;
    }

    private byte[] bytes(int count) throws IOException {
        if (position + count > limit) {
            throw tooLong();
        }
        byte[] data = in.readNBytes(count);
        if (data.length < count) {
            throw new EOFException("the pickle ends early, at byte " + (position + data.length));
        }
        position += count;
        return data;
    }

    private ByteBuffer le(int count) throws IOException {
        return ByteBuffer.wrap(bytes(count)).order(ByteOrder.LITTLE_ENDIAN);
    }

    private int length(long declared) {
        if (declared < 0 || position + declared > limit) {
            throw tooLong();
        }
        return (int) declared;
    }

    /** A newline-terminated ASCII line, as GLOBAL and PERSID use. */
    private String line() throws IOException {
        StringBuilder text = new StringBuilder();
        for (int b = u1(); b != '\n'; b = u1()) {
            text.append((char) b);
        }
        return text.toString();
    }

    private static Object signedLittleEndian(byte[] data) {
        if (data.length == 0) {
            return 0L;
        }
        byte[] bigEndian = new byte[data.length];
        for (int i = 0; i < data.length; i++) {
            bigEndian[i] = data[data.length - 1 - i];
        }
        BigInteger value = new BigInteger(bigEndian);
        return value.bitLength() < 64 ? (Object) value.longValue() : value;
    }

    private static String utf8(byte[] data) {
        return new String(data, StandardCharsets.UTF_8);
    }

    private ModelLoadException tooLong() {
        return new ModelLoadException("Pickle larger than the " + limit + "-byte limit (or a corrupt length) at byte "
                + position);
    }

    private static ModelLoadException unsupported(String what, long at) {
        return new ModelLoadException("Unsupported pickle " + what + " at byte " + at
                + "; only the binary opcodes of protocols 2 to 5 are read");
    }
}
