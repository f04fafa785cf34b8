package dev.iopaint.server.http;

import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.api.Click;
import dev.iopaint.api.PluginRequest;
import dev.iopaint.api.UnsupportedInputException;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the settings of IOPaint's {@code RunPluginRequest} besides name and image: {@code clicks}
 * ({@code [[x, y, 1|0], ...]}, none by default) and {@code scale} (2.0 by default). Malformed values are the
 * client's mistake and answered with 400.
 */
final class PluginRequests {
    /** IOPaint's default {@code scale}; the web client sends its own for the plugins that use it. */
    static final double DEFAULT_SCALE = 2.0;
    private static final String CLICK_FORMAT = "[x, y, label] with label 1 (part of the object) or 0 (not part)";

    private PluginRequests() {
    }

    static PluginRequest read(JsonNode body) {
        return new PluginRequest(clicks(body.get("clicks")), scale(body.get("scale")));
    }

    private static List<Click> clicks(JsonNode value) {
        if (value == null || value.isNull()) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new UnsupportedInputException("Field 'clicks' must be a list of clicks, each " + CLICK_FORMAT
                    + ", e.g. [[120, 80, 1]]; got " + value.getNodeType().toString().toLowerCase());
        }
        List<Click> clicks = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++) {
            clicks.add(click(value.get(i), i));
        }
        return clicks;
    }

    private static Click click(JsonNode click, int index) {
        if (!click.isArray() || click.size() != 3 || !click.get(0).isNumber() || !click.get(1).isNumber()
                || !click.get(2).isNumber()) {
            throw new UnsupportedInputException("Click " + index + " of 'clicks' must be " + CLICK_FORMAT
                    + ", three numbers; got " + click);
        }
        double label = click.get(2).doubleValue();
        if (label != 0 && label != 1) {
            throw new UnsupportedInputException("Click " + index + " of 'clicks' has the label " + click.get(2)
                    + "; a label is 1 (part of the object) or 0 (not part)");
        }
        return new Click(click.get(0).doubleValue(), click.get(1).doubleValue(), label == 1);
    }

    private static double scale(JsonNode value) {
        if (value == null || value.isNull()) {
            return DEFAULT_SCALE;
        }
        if (!value.isNumber()) {
            throw new UnsupportedInputException("Field 'scale' must be a positive number, got " + value);
        }
        return value.doubleValue();
    }
}
