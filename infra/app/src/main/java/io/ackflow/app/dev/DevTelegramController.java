package io.ackflow.app.dev;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /dev/telegram/sent?chat_id=...&limit=...}: what the built-in fake Bot API received and accepted, oldest
 * first (method, chat, text, time), so a newcomer sees the bot's output without a phone. Only in dev mode.
 */
@RestController
@ConditionalOnProperty(name = "ackflow.dev.enabled", havingValue = "true")
class DevTelegramController {

    @GetMapping("/dev/telegram/sent")
    ResponseEntity<?> sent(@RequestParam(name = "chat_id", required = false) Long chatId,
            @RequestParam(name = "limit", defaultValue = "100") int limit) {
        if (DevTelegram.fake().isEmpty()) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND,
                    "dev mode sends to the real Bot API (" + DevTelegram.API_BASE_URL_ENV + " is set); nothing is recorded");
            problem.setType(URI.create("https://ackflow.io/problems/no-fake-telegram"));
            return ResponseEntity.status(HttpStatus.NOT_FOUND).body(problem);
        }
        if (limit < 1 || limit > 10_000) {
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "limit must be 1..10000");
            problem.setProperty("errors", List.of(Map.of("field", "limit", "detail", "must be between 1 and 10000")));
            return ResponseEntity.badRequest().body(problem);
        }
        FakeTelegramServer fake = DevTelegram.fake().get();
        List<FakeTelegramServer.Call> calls = chatId == null ? fake.delivered() : fake.delivered(chatId);
        List<Map<String, Object>> out = calls.subList(Math.max(0, calls.size() - limit), calls.size()).stream()
                .map(DevTelegramController::view)
                .toList();
        return ResponseEntity.ok(out);
    }

    private static Map<String, Object> view(FakeTelegramServer.Call c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("method", c.method());
        m.put("chat_id", c.chatId());
        m.put("text", c.text());
        m.put("time", c.time().toString());
        m.put("bot_id", c.botId());
        return m;
    }
}
