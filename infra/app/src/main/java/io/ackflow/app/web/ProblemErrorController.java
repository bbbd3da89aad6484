package io.ackflow.app.web;

import io.ackflow.schema.MediaTypes;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The container's error dispatch ({@code /error}) as {@code application/problem+json}, in place of Spring Boot's JSON
 * map: errors the container raises after it handed the request to the application but outside any controller, such
 * as a chunked body it cannot decode or a method it refuses ({@code TRACE}). The body is the same as
 * {@link ProblemErrorReportValve}'s and, for the same reason, echoes nothing the client sent. It is written directly
 * instead of through content negotiation, so any {@code Accept} header gets it.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:/error}")
    void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        int status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code && code >= 400
                ? code
                : HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        response.setStatus(status);
        response.setContentType(MediaTypes.PROBLEM_JSON);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(ProblemErrorReportValve.body(status));
    }
}
