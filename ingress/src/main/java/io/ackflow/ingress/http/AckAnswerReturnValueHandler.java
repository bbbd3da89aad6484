package io.ackflow.ingress.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.MethodParameter;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodReturnValueHandler;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Answers an {@link AckAnswer} returned by a controller through {@link AckAnswerWriter}. Spring MVC's own handling of
 * a returned future dispatches the request a second time (filters, handler lookup, return-value handling again) only
 * to write a small body; on the publishing path that was the largest single cost.
 */
public final class AckAnswerReturnValueHandler implements HandlerMethodReturnValueHandler {
    private final AckAnswerWriter writer;

    public AckAnswerReturnValueHandler(AckAnswerWriter writer) {
        this.writer = writer;
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
        writer.answer((AckAnswer) returnValue, webRequest.getNativeRequest(HttpServletRequest.class),
                webRequest.getNativeResponse(HttpServletResponse.class));
    }
}
