package dev.iopaint.api;

import java.util.Arrays;
import java.util.stream.Collectors;

/** An enum whose constants travel in JSON and on the command line under IOPaint's spelling. */
public interface WireNamed {
    /** The exact string IOPaint uses for this value, e.g. {@code "Crop"} or {@code "diffusers_sd"}. */
    String wireName();

    /**
     * Finds the constant of {@code type} spelled {@code wireName}; the error lists the accepted spellings.
     */
    static <E extends Enum<E> & WireNamed> E parse(Class<E> type, String wireName) {
        for (E value : type.getEnumConstants()) {
            if (value.wireName().equals(wireName)) {
                return value;
            }
        }
        throw new UnsupportedInputException("'" + wireName + "' is not a valid " + type.getSimpleName()
                + "; use one of " + Arrays.stream(type.getEnumConstants()).map(WireNamed::wireName)
                        .collect(Collectors.joining(", ")));
    }
}
