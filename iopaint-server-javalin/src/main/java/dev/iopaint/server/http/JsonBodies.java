package dev.iopaint.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.iopaint.core.json.IopaintJson;
import io.javalin.http.Context;
import io.javalin.http.UnprocessableContentResponse;

/**
 * Reads JSON request bodies. A body that is not a JSON object, or lacks a required field, is answered with 422 as
 * FastAPI's validation does for IOPaint; unknown fields are ignored.
 */
final class JsonBodies {
    private JsonBodies() {
    }

    /** The body as a JSON object; Javalin has already refused bodies above the upload limit with 413. */
    static JsonNode object(Context ctx) {
        byte[] bytes = ctx.bodyAsBytes();
        JsonNode body;
        try {
            body = IopaintJson.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnprocessableContentResponse("The request body is not valid JSON ("
                    + e.getOriginalMessage() + "); send a JSON object with Content-Type: application/json");
        } catch (java.io.IOException e) {
            throw new UnprocessableContentResponse("The request body could not be read: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new UnprocessableContentResponse("The request body must be a JSON object, got "
                    + (body == null || body.isMissingNode() ? "nothing" : body.getNodeType().toString().toLowerCase()));
        }
        return body;
    }

    static String requiredString(JsonNode body, String field) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            throw new UnprocessableContentResponse("Field '" + field + "' is required");
        }
        if (!value.isTextual()) {
            throw new UnprocessableContentResponse("Field '" + field + "' must be a string, got "
                    + value.getNodeType().toString().toLowerCase());
        }
        return value.asText();
    }

    static int intOr(JsonNode body, String field, int fallback) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new UnprocessableContentResponse("Field '" + field + "' must be an integer, got " + value);
        }
        return value.intValue();
    }
}
