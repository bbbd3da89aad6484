package io.ackflow.ingress.http;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ServerHttpObservationFilter;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

/**
 * Serves the publishing routes without the MVC dispatcher. Each route is one that a controller already maps: a method
 * taking {@code (@PathVariable String, HttpServletRequest)} and returning {@link AckAnswer}, under a pattern with one
 * variable segment and no other conditions. The same controller method runs and its exceptions get the same
 * problem+json answers ({@link IngressProblems#answer}); what is skipped is the dispatcher's generic work (pattern
 * matching against every route, argument resolution, return-value handling), which cost more CPU per request than
 * everything ackflow does itself.
 *
 * <p>A request this filter cannot route with certainty goes on to the dispatcher unchanged: another method, an encoded
 * or parameterised path ({@code %}, {@code ;}), or a shape that some other mapping could also match. The filter runs
 * after the observation filter, so {@code http.server.requests} still counts these routes, under their pattern.
 */
public final class DirectRoutes extends OncePerRequestFilter {
    private static final Logger log = LoggerFactory.getLogger(DirectRoutes.class);

    private final Supplier<Map<RequestMappingInfo, HandlerMethod>> mappings;
    private final AckAnswerWriter writer;
    private final IngressProblems problems;
    private volatile List<Route> routes;

    /**
     * @param mappings the dispatcher's mappings, read at the first request (the filter is created before them)
     */
    DirectRoutes(
            Supplier<Map<RequestMappingInfo, HandlerMethod>> mappings, AckAnswerWriter writer, IngressProblems problems) {
        this.mappings = mappings;
        this.writer = writer;
        this.problems = problems;
    }

    /**
     * The direct routes among {@code mappings}: every eligible one whose shape no other mapping of the same method
     * could also match.
     */
    static List<Route> eligible(Map<RequestMappingInfo, HandlerMethod> mappings) {
        List<Route> candidates = new ArrayList<>();
        List<Shape> everything = new ArrayList<>();
        mappings.forEach((info, handler) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.values()) : methods) {
                    everything.add(new Shape(m.name(), Route.segments(pattern)));
                }
                if (methods.size() == 1 && isDirect(info, handler, pattern)) {
                    candidates.add(Route.of(methods.iterator().next().name(), pattern, handler));
                }
            }
        });
        return candidates.stream()
                .filter(r -> everything.stream().filter(s -> s.method.equals(r.method) && s.overlaps(r.segments))
                        .count() == 1)
                .toList();
    }

    private static boolean isDirect(RequestMappingInfo info, HandlerMethod handler, String pattern) {
        Method m = handler.getMethod();
        Class<?>[] params = m.getParameterTypes();
        return AckAnswer.class.isAssignableFrom(m.getReturnType())
                && params.length == 2 && params[0] == String.class && params[1] == HttpServletRequest.class
                && info.getConsumesCondition().isEmpty() && info.getProducesCondition().isEmpty()
                && info.getParamsCondition().isEmpty() && info.getHeadersCondition().isEmpty()
                && Route.segments(pattern).stream().filter(Route::isVariable).count() == 1
                && pattern.chars().noneMatch(c -> c == '*' || c == '?');
    }

    List<Route> routes() {
        List<Route> r = routes;
        if (r == null) {
            r = eligible(mappings.get());
            routes = r;
            log.info("Serving {} publishing routes directly: {}", r.size(), r);
        }
        return r;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        Route route = null;
        String variable = null;
        if (uri.indexOf('%') < 0 && uri.indexOf(';') < 0 && uri.startsWith(context)) {
            String path = uri.substring(context.length());
            for (Route r : routes()) {
                variable = r.match(request.getMethod(), path);
                if (variable != null) {
                    route = r;
                    break;
                }
            }
        }
        if (route == null) {
            chain.doFilter(request, response);
            return;
        }
        String pattern = route.pattern;
        ServerHttpObservationFilter.findObservationContext(request).ifPresent(c -> c.setPathPattern(pattern));
        AckAnswer answer;
        try {
            answer = route.invoke(variable, request);
        } catch (Exception e) {
            answer = AckAnswer.now(problems.answer(e));
        }
        writer.answer(answer, request, response);
    }

    /** A request shape: method and path segments, where {@code null} is a variable segment. */
    private record Shape(String method, List<String> segments) {
        boolean overlaps(List<String> other) {
            if (other.size() != segments.size()) {
                return false;
            }
            for (int i = 0; i < other.size(); i++) {
                String a = segments.get(i);
                String b = other.get(i);
                if (a != null && b != null && !a.equals(b)) {
                    return false;
                }
            }
            return true;
        }
    }

    /** One direct route: {@code method} + {@code pattern}, served by {@code target} on {@code bean}. */
    static final class Route {
        final String method;
        final String pattern;
        final List<String> segments;
        private final Object bean;
        private final Method target;

        private Route(String method, String pattern, Object bean, Method target) {
            this.method = method;
            this.pattern = pattern;
            this.segments = segments(pattern);
            this.bean = bean;
            this.target = target;
            target.setAccessible(true); // controllers are package-private
        }

        static Route of(String method, String pattern, HandlerMethod handler) {
            HandlerMethod resolved = handler.getBean() instanceof String ? handler.createWithResolvedBean() : handler;
            return new Route(method, pattern, resolved.getBean(), resolved.getMethod());
        }

        /** {@code /v1/auctions/{auctionId}/bids} as {@code [v1, auctions, null, bids]}. */
        static List<String> segments(String pattern) {
            List<String> out = new ArrayList<>();
            for (String s : pattern.substring(pattern.startsWith("/") ? 1 : 0).split("/", -1)) {
                out.add(s.startsWith("{") ? null : s);
            }
            return out;
        }

        static boolean isVariable(String segment) {
            return segment == null;
        }

        /** The variable segment when {@code method} and {@code path} match, else null. */
        String match(String requestMethod, String path) {
            if (!method.equals(requestMethod) || path.isEmpty() || path.charAt(0) != '/') {
                return null;
            }
            String variable = null;
            int at = 1;
            for (int i = 0; i < segments.size(); i++) {
                int end = path.indexOf('/', at);
                boolean last = i == segments.size() - 1;
                if (last != (end < 0)) {
                    return null;
                }
                if (end < 0) {
                    end = path.length();
                }
                String literal = segments.get(i);
                if (literal == null) {
                    if (end == at) {
                        return null;
                    }
                    variable = path.substring(at, end);
                } else if (!path.regionMatches(at, literal, 0, literal.length()) || end - at != literal.length()) {
                    return null;
                }
                at = end + 1;
            }
            return variable;
        }

        AckAnswer invoke(String variable, HttpServletRequest request) throws Exception {
            try {
                return (AckAnswer) target.invoke(bean, variable, request);
            } catch (InvocationTargetException e) {
                if (e.getCause() instanceof Exception cause) {
                    throw cause;
                }
                throw e;
            }
        }

        @Override
        public String toString() {
            return method + " " + pattern;
        }
    }
}
