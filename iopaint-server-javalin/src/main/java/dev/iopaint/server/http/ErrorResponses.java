package dev.iopaint.server.http;

import dev.iopaint.api.DownloadFailedException;
import dev.iopaint.api.InferenceFailedException;
import dev.iopaint.api.InputTooLargeException;
import dev.iopaint.api.IopaintException;
import dev.iopaint.api.ModelLoadException;
import dev.iopaint.api.ModelNotFoundException;
import dev.iopaint.api.PluginNotAvailableException;
import dev.iopaint.api.UnsupportedInputException;
import dev.iopaint.openai.budget.BudgetExceededException;
import dev.iopaint.openai.budget.RateLimitedException;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one place where errors become HTTP answers: IOPaint's JSON body {@code {error, detail, body, errors}} (its web
 * client shows {@code errors}), with one status per exception type. Nothing but the message reaches the client.
 */
public final class ErrorResponses {
    private static final Logger log = LoggerFactory.getLogger(ErrorResponses.class);

    private ErrorResponses() {
    }

    public static void register(RoutesConfig routes) {
        routes.exception(IopaintException.class, (e, ctx) -> {
            if (e instanceof QueueFullException full) {
                ctx.header("Retry-After", Long.toString(full.retryAfterSeconds()));
            }
            if (e instanceof RateLimitedException limited) {
                ctx.header("Retry-After", Long.toString(limited.retryAfterSeconds()));
            }
            respond(ctx, statusOf(e), e);
        });
        routes.exception(HttpResponseException.class, (e, ctx) -> {
            HttpStatus status = HttpStatus.forStatus(e.getStatus());
            // Javalin's own answer to a JSON body over config.http.maxRequestSize says only "Content Too Large".
            respond(ctx, status, status == HttpStatus.CONTENT_TOO_LARGE
                    ? UploadLimit.tooLarge(-1, ctx.appData(UploadLimit.MAX_BYTES)) : e);
        });
        routes.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure on {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, HttpStatus.INTERNAL_SERVER_ERROR,
                    new IopaintException("The server failed unexpectedly (" + e.getClass().getSimpleName()
                            + "); the log has the details"));
        });
    }

    static HttpStatus statusOf(IopaintException e) {
        if (e instanceof BudgetExceededException) {
            return HttpStatus.PAYMENT_REQUIRED;
        }
        if (e instanceof RateLimitedException) {
            return HttpStatus.TOO_MANY_REQUESTS;
        }
        if (e instanceof QueueFullException) {
            return HttpStatus.SERVICE_UNAVAILABLE;
        }
        if (e instanceof InputTooLargeException) {
            return HttpStatus.CONTENT_TOO_LARGE;
        }
        if (e instanceof PluginNotAvailableException) {
            // IOPaint's answer to a plugin that is not enabled or cannot do what was asked.
            return HttpStatus.UNPROCESSABLE_CONTENT;
        }
        if (e instanceof UnsupportedInputException) {
            return HttpStatus.BAD_REQUEST;
        }
        if (e instanceof ModelNotFoundException) {
            return HttpStatus.NOT_FOUND;
        }
        if (e instanceof DownloadFailedException) {
            return HttpStatus.BAD_GATEWAY;
        }
        if (e instanceof ModelLoadException || e instanceof InferenceFailedException) {
            return HttpStatus.INTERNAL_SERVER_ERROR;
        }
        return HttpStatus.INTERNAL_SERVER_ERROR;
    }

    /** Writes the error body; the same shape for every failure, so clients can always read {@code errors}. */
    public static void respond(Context ctx, HttpStatus status, Exception e) {
        String message = e.getMessage() == null ? status.getMessage() : e.getMessage();
        if (status.getCode() >= 500) {
            log.warn("{} {} failed with {}: {}", ctx.method(), ctx.path(), status.getCode(), message);
        }
        if (status == HttpStatus.CONTENT_TOO_LARGE) {
            // The rest of the body stays unread, so the connection cannot carry another request.
            ctx.header("Connection", "close");
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", e.getClass().getSimpleName());
        body.put("detail", message);
        body.put("body", "");
        body.put("errors", message);
        ctx.status(status).json(body);
    }
}
