package io.ackflow.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.ingress.support.Api;
import io.ackflow.ingress.support.IngressIT;
import io.ackflow.schema.EventIds;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.test.context.TestPropertySource;

/**
 * With {@code ackflow.ingress.direct-routes=false} the publishing routes go through the MVC dispatcher, and answer
 * exactly as they do in front of it: the {@link AckAnswer} return-value handler writes the acknowledgement.
 */
@IngressIT
@TestPropertySource(properties = "ackflow.ingress.direct-routes=false")
class DispatcherPathIT {
    @LocalServerPort
    int port;

    @Autowired
    FilterRegistrationBean<DirectRoutes> directRoutes;

    @Test
    void publishingRoutesAnswerTheSameThroughTheDispatcher() {
        assertThat(directRoutes.isEnabled()).isFalse();
        Api api = new Api(port);
        String auction = Api.randomId("auc");

        Api.Reply accepted = api.post("/v1/auctions/" + auction + "/bids", "{\"bidder_id\":\"d\",\"amount\":4}").send();
        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        assertThat(accepted.contentType()).startsWith("application/json");
        assertThat(EventIds.isValid(accepted.json().get("id").asString())).isTrue();

        Api.Reply invalid = api.post("/v1/auctions/" + auction + "/bids", "{\"bidder_id\":\"d\",\"amount\":\"x\"}")
                .send();
        assertThat(invalid.status()).isEqualTo(422);
        assertThat(invalid.isProblem()).isTrue();
        assertThat(invalid.json().get("errors").get(0).get("field").asString()).isEqualTo("amount");
        assertThat(invalid.json().get("instance").asString()).isEqualTo("/v1/auctions/" + auction + "/bids");

        Api.Reply admin = api.put("/v1/auctions/" + auction, "{\"title\":\"t\",\"opens_at\":\"2030-01-01T10:00:00Z\","
                + "\"closes_at\":\"2030-01-01T11:00:00Z\"}").send();
        assertThat(admin.status()).as(admin.toString()).isEqualTo(200);
        assertThat(admin.json().get("auction_id").asString()).isEqualTo(auction);
    }
}
