package io.ackflow.ingress.http;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.HttpMessageNotWritableException;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Answers an {@link AckAnswer}. A settled answer is written at once. Otherwise the request goes asynchronous and, when
 * the broker answers, a container thread ({@link AsyncContext#start}) writes the response and completes the request.
 * The producer's I/O thread never writes to a socket, so a client that stops reading cannot stall acknowledgements.
 *
 * <p>Spring MVC's own handling of a returned future dispatches the request a second time (filters, handler lookup,
 * return-value handling again) only to write a small body; on this hot path that was the largest single cost.
 */
public final class AckAnswerReturnValueHandler implements HandlerMethodReturnValueHandler {
    private static final Logger log = LoggerFactory.getLogger(AckAnswerReturnValueHandler.class);

    private final Supplier<List<HttpMessageConverter<?>>> converters;
    private final long timeoutMillis;

    /**
     * @param converters the application's message converters (looked up when first needed)
     * @param timeout how long the container waits for an answer before it answers 503 itself; a safety net, the
     *     publisher answers within its ack timeout
     */
    public AckAnswerReturnValueHandler(Supplier<List<HttpMessageConverter<?>>> converters, Duration timeout) {
        this.converters = converters;
        this.timeoutMillis = timeout.toMillis();
    }

    @Override
    public boolean supportsReturnType(MethodParameter returnType) {
        return AckAnswer.class.isAssignableFrom(returnType.getParameterType());
    }

    @Override
    public void handleReturnValue(
            Object returnValue, MethodParameter returnType, ModelAndViewContainer mav, NativeWebRequest webRequest)
            throws IOException {
        mav.setRequestHandled(true);
        HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
        HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
        var answer = ((AckAnswer) returnValue).future()
                .handle((r, e) -> e == null ? r : IngressProblems.failure(e));
        ResponseEntity<?> settled = answer.getNow(null);
        if (settled != null) {
            write(settled, response);
            return;
        }
        AsyncContext async = request.startAsync(request, response);
        async.setTimeout(timeoutMillis);
        AtomicBoolean answered = new AtomicBoolean();
        async.addListener(new Guard(answered, this));
        answer.thenAccept(entity -> {
            if (answered.compareAndSet(false, true)) {
                try {
                    async.start(() -> writeAndComplete(entity, async));
                } catch (IllegalStateException gone) { // the request ended (client gone, container error)
                    log.debug("Request ended before its answer could be written: {}", gone.toString());
                }
            }
        });
    }

    private void writeAndComplete(ResponseEntity<?> entity, AsyncContext async) {
        try {
            write(entity, (HttpServletResponse) async.getResponse());
        } catch (IOException | RuntimeException e) {
            log.debug("Could not write an answer: {}", e.toString());
        } finally {
            async.complete();
        }
    }

    @SuppressWarnings("unchecked")
    void write(ResponseEntity<?> entity, HttpServletResponse response) throws IOException {
        ServletServerHttpResponse out = new ServletServerHttpResponse(response);
        out.setStatusCode(entity.getStatusCode());
        out.getHeaders().putAll(entity.getHeaders());
        Object body = entity.getBody();
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

    /** Answers 503 if the container's timeout fires first; forgets the request if it errors (client gone). */
    private record Guard(AtomicBoolean answered, AckAnswerReturnValueHandler handler) implements AsyncListener {
        @Override
        public void onTimeout(AsyncEvent event) throws IOException {
            if (answered.compareAndSet(false, true)) {
                handler.write(IngressProblems.failure(new io.ackflow.ingress.publish.PublishFailedException(
                        "no acknowledgement before the request timed out", null, true)),
                        (HttpServletResponse) event.getAsyncContext().getResponse());
                event.getAsyncContext().complete();
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
