package io.ackflow.app.dev;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Tells where dev mode's Telegram messages go, and how to see them. */
@Component
@ConditionalOnProperty(name = "ackflow.dev.enabled", havingValue = "true")
class DevTelegramBanner {
    private final Environment env;

    DevTelegramBanner(Environment env) {
        this.env = env;
    }

    @EventListener(ApplicationReadyEvent.class)
    void print() {
        String port = env.getProperty("local.server.port", env.getProperty("server.port", "8080"));
        if (DevTelegram.fake().isPresent()) {
            System.out.printf("Telegram: built-in fake Bot API at %s; see what it received at "
                    + "http://127.0.0.1:%s/dev/telegram/sent?chat_id=<chat> (set %s to use the real API)%n",
                    DevTelegram.fake().get().baseUrl(), port, DevTelegram.API_BASE_URL_ENV);
        } else {
            System.out.printf("Telegram: sending to %s%n", env.getProperty("ackflow.telegram.api-base-url"));
        }
    }
}
