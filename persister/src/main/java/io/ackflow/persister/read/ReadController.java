package io.ackflow.persister.read;

import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The read endpoints. Each needs a client key or the admin token and runs exactly one SQL query. */
@RestController
public class ReadController {
    private final ReadRequests requests;
    private final AuctionLeaderboardQuery auctions;
    private final QuizLeaderboardQuery quizzes;
    private final OrderQuery orders;
    private final EventStatusQuery events;

    public ReadController(ReadRequests requests, AuctionLeaderboardQuery auctions, QuizLeaderboardQuery quizzes,
            OrderQuery orders, EventStatusQuery events) {
        this.requests = requests;
        this.auctions = auctions;
        this.quizzes = quizzes;
        this.orders = orders;
        this.events = events;
    }

    @GetMapping("/v1/auctions/{auctionId}/leaderboard")
    public Map<String, Object> auctionLeaderboard(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String auctionId, @RequestParam(required = false) String limit) {
        requests.authorize(authorization);
        return auctions.leaderboard(ReadRequests.id("auction_id", auctionId), ReadRequests.limit(limit));
    }

    @GetMapping("/v1/quizzes/{quizId}/leaderboard")
    public Map<String, Object> quizLeaderboard(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String quizId, @RequestParam(required = false) String limit) {
        requests.authorize(authorization);
        return quizzes.leaderboard(ReadRequests.id("quiz_id", quizId), ReadRequests.limit(limit));
    }

    @GetMapping("/v1/orders/{orderId}")
    public Map<String, Object> order(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String orderId) {
        requests.authorize(authorization);
        return orders.order(ReadRequests.id("order_id", orderId))
                .orElseThrow(() -> ReadRejected.notFound("no order " + orderId + "; a new order may take up to the "
                        + "persister's flush interval to appear"));
    }

    @GetMapping("/v1/accounts/{accountId}/orders")
    public Map<String, Object> accountOrders(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String accountId, @RequestParam(required = false) String limit) {
        requests.authorize(authorization);
        return orders.accountOrders(ReadRequests.id("account_id", accountId), ReadRequests.limit(limit));
    }

    @GetMapping("/v1/events/{id}")
    public Map<String, Object> event(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false)
            String authorization, @PathVariable String id) {
        requests.authorize(authorization);
        return events.event(ReadRequests.eventId(id))
                .orElseThrow(() -> ReadRejected.notFound("no event " + id + "; an acknowledged request may take up "
                        + "to the persister's flush interval to appear"));
    }
}
