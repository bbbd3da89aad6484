package io.ackflow.ingress.http;

import io.ackflow.ingress.publish.PublishFailedException;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.server.ServletServerHttpResponse;

/**
 * Writes an {@link AckAnswer}. A settled answer is written at once. Otherwise the request goes asynchronous and, when
 * the broker answers, a container thread ({@link AsyncContext#start}) writes the response and completes the request.
 * The producer's I/O thread never writes to a socket, so a client that stops reading cannot stall acknowledgements.
 */
public final class AckAnswerWriter {
    private static final Logger log = LoggerFactory.getLogger(AckAnswerWriter.class);

    private final Supplier<List<HttpMessageConverter<?>>> converters;
    private final long timeoutMillis;

    /**
     * @param converters the application's message converters (looked up when first needed)
     * @param timeout how long the container waits for an answer before it answers 503 itself; a safety net, the
     *     publisher answers within its ack timeout
     */
    public AckAnswerWriter(Supplier<List<HttpMessageConverter<?>>> converters, Duration timeout) {
        this.converters = converters;
        this.timeoutMillis = timeout.toMillis();
    }

    /** Answers {@code request} with {@code answer}, now or when it settles. */
    public void answer(AckAnswer answer, HttpServletRequest request, HttpServletResponse response) throws IOException {
        var settling = answer.future();
        ResponseEntity<?> settled = settling.getNow(null);
        if (settled != null) {
            write(settled, request, response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new Guard(answered, this));
        settling.thenAccept(entity -> {
            if (answered.compareAndSet(false, true)) {
                try {
                    async.start(() -> writeAndComplete(entity, async));
                } catch (IllegalStateException gone) { // the request ended (client gone, container error)
                    log.debug("Request ended before its answer could be written: {}", gone.toString());
                }
            }
        });
    }

    /**
     * Writes {@code entity}: status, headers and body through the application's message converters. A problem without
     * an {@code instance} gets the request path, as the dispatcher gives it.
     */
    @SuppressWarnings("unchecked")
    public void write(ResponseEntity<?> entity, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (entity.getBody() instanceof byte[] bytes) { // every acknowledgement: JSON already encoded
            writeBytes(entity, bytes, response);
            return;
        }
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(entity.getStatusCode());
        out.getHeaders().putAll(entity.getHeaders());
        Object body = entity.getBody();
        if (body instanceof ProblemDetail problem && problem.getInstance() == null) {
            problem.setInstance(URI.create(request.getRequestURI()));
        }
        if (body == null) {
            out.flush();
            return;
        }
        MediaType type = entity.getHeaders().getContentType();
        for (HttpMessageConverter<?> converter : converters.get()) {
            if (converter.canWrite(body.getClass(), type)) {
                ((HttpMessageConverter<Object>) converter).write(body, type, out);
                return;
            }
        }
        throw new HttpMessageNotWritableException("no converter for " + body.getClass().getName() + " as " + type);
    }

    /**
     * Writes an already encoded body straight to the servlet response, as the byte-array converter would, without the
     * per-answer converter search and header copies (a few percent of a publish's CPU).
     */
    private static void writeBytes(ResponseEntity<?> entity, byte[] bytes, HttpServletResponse response)
            throws IOException {
        response.setStatus(entity.getStatusCode().value());
        entity.getHeaders().forEach((name, values) -> values.forEach(v -> response.addHeader(name, v)));
        response.setContentLength(bytes.length);
        var body = response.getOutputStream();
        body.write(bytes);
        body.flush();
    }

    private void writeAndComplete(ResponseEntity<?> entity, AsyncContext async) {
        try {
            write(entity, (HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write an answer: {}", e.toString());
        } finally {
            async.complete();
        }
    }

    /** Answers 503 if the container's timeout fires first; forgets the request if it errors (client gone). */
    private record Guard(AtomicBoolean answered, AckAnswerWriter writer) implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (answered.compareAndSet(false, true)) {
                AsyncContext async = event.getAsyncContext();
                writer.write(IngressProblems.failure(new PublishFailedException(
                                "no acknowledgement before the request timed out", null, true)),
                        (HttpServletRequest) async.getRequest(), (HttpServletResponse) async.getResponse());
                async.complete();
            }
        }

        @Override
        public void onError(AsyncEvent event) {
            answered.set(true);
        }

        @Override
        public void onComplete(AsyncEvent event) {}

        @Override
        public void onStartAsync(AsyncEvent event) {}
    }
}
