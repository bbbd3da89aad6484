package io.ackflow.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;

class DirectRoutesTest {
    @SuppressWarnings("unused")
    static final class Endpoints {
        AckAnswer bid(String auctionId, HttpServletRequest request) {
            return null;
        }

        AckAnswer status(String id, HttpServletRequest request) {
            return null;
        }

        String other(String id, HttpServletRequest request) {
            return null;
        }
    }

    @Test
    void matchesOnlyTheExactShapeAndReturnsTheVariable() {
        DirectRoutes.Route route = only(mappings("/v1/auctions/{auctionId}/bids", RequestMethod.POST, "bid"));
        assertThat(route.match("POST", "/v1/auctions/a-1/bids")).isEqualTo("a-1");
        assertThat(route.match("GET", "/v1/auctions/a-1/bids")).isNull();
        assertThat(route.match("POST", "/v1/auctions//bids")).isNull();
        assertThat(route.match("POST", "/v1/auctions/a-1/bids/")).isNull();
        assertThat(route.match("POST", "/v1/auctions/a-1/bidsx")).isNull();
        assertThat(route.match("POST", "/v1/auctions/a-1")).isNull();
        assertThat(route.match("POST", "/v1/auctions/a/1/bids")).isNull();
        assertThat(route.match("POST", "/v2/auctions/a-1/bids")).isNull();
        assertThat(route.match("POST", "")).isNull();
    }

    @Test
    void leavesToTheDispatcherAShapeAnotherMappingCouldAlsoMatch() {
        Map<RequestMappingInfo, HandlerMethod> m = new LinkedHashMap<>();
        m.putAll(mappings("/v1/things/{id}", RequestMethod.POST, "status"));
        m.putAll(mappings("/v1/things/special", RequestMethod.POST, "status"));
        m.putAll(mappings("/v1/auctions/{auctionId}/bids", RequestMethod.POST, "bid"));
        m.putAll(mappings("/v1/auctions/{auctionId}/bids", RequestMethod.GET, "other"));
        assertThat(DirectRoutes.eligible(m)).extracting(Object::toString)
                .containsExactly("POST /v1/auctions/{auctionId}/bids");
    }

    @Test
    void onlyMethodsAnsweringAckAnswerAreServedDirectly() {
        assertThat(DirectRoutes.eligible(mappings("/v1/x/{id}", RequestMethod.POST, "other"))).isEmpty();
    }

    private static DirectRoutes.Route only(Map<RequestMappingInfo, HandlerMethod> m) {
        var routes = DirectRoutes.eligible(m);
        assertThat(routes).hasSize(1);
        return routes.get(0);
    }

    private static Map<RequestMappingInfo, HandlerMethod> mappings(String pattern, RequestMethod method, String name) {
        try {
            Method target = Endpoints.class.getDeclaredMethod(name, String.class, HttpServletRequest.class);
            RequestMappingInfo info = RequestMappingInfo.paths(pattern).methods(method).build();
            return Map.of(info, new HandlerMethod(new Endpoints(), target));
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }
}
