package io.ackflow.app.web;

import io.ackflow.schema.MediaTypes;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.http.HttpStatus;

/**
 * Tomcat's own error answers as RFC 9457 {@code application/problem+json}, the one error shape of every ackflow
 * surface, instead of Tomcat's HTML page. They are the requests Tomcat refuses before any servlet sees them: an
 * encoded {@code /} in the path ({@code %2F}), a path that does not normalise, a request the container cannot map.
 *
 * <p>The body names the status and nothing the client sent: neither Tomcat's message nor the path is echoed, because a
 * sender that authenticates with a token in the URL would get its secret back in an error body, and our secret search
 * ({@code ./ackflow chaos}) reads error bodies. Like Tomcat's valve, it writes only an error nothing has answered yet;
 * everything the application answers keeps its own problem body.
 */
public final class ProblemErrorReportValve extends ErrorReportValve {

    @Override
    protected void report(Request request, Response response, Throwable throwable) {
        int status = response.getStatus();
        if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
            return;
        }
        AtomicBoolean ioAllowed = new AtomicBoolean(false);
        response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
        if (!ioAllowed.get()) {
            return; // the connection is gone: nobody would read the answer
        }
        try {
            response.setContentType(MediaTypes.PROBLEM_JSON);
            response.setCharacterEncoding("UTF-8");
            Writer writer = response.getReporter();
            if (writer != null) {
                writer.write(body(status));
                response.finishResponse();
            }
        } catch (IOException | IllegalStateException e) {
            // the client went away while we answered; nothing left to do
        }
    }

    static String body(int status) {
        HttpStatus known = HttpStatus.resolve(status);
        String title = known == null ? "Error" : known.getReasonPhrase();
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status + ",\"detail\":\""
                + detail(status) + "\"}";
    }

    private static String detail(int status) {
        return switch (status) {
            case 400 -> "The HTTP server refused the request before ackflow read it: check the request line, the path "
                    + "(an encoded '/' such as %2F is not accepted in a path segment), the headers and the body's "
                    + "framing.";
            case 404 -> "There is nothing at this path.";
            case 405 -> "This path does not take that method; the Allow header lists the ones it takes.";
            case 413, 431 -> "The request, or its headers, are larger than the server accepts.";
            default -> status >= 500
                    ? "The server could not handle the request."
                    : "The HTTP server refused the request before ackflow read it.";
        };
    }
}
