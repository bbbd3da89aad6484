package io.ackflow.app.dev;

import io.ackflow.fakes.telegram.FakeTelegramServer;
import java.util.Map;
import java.util.Optional;

/**
 * The Bot API in dev mode: the built-in fake ({@link FakeTelegramServer}, on a free port of 127.0.0.1, with Telegram's
 * limits) unless {@code ACKFLOW_TELEGRAM_API_BASE_URL} names a real one, e.g. {@code https://api.telegram.org}.
 * {@code ACKFLOW_DEV_TELEGRAM_PORT} fixes the fake's port.
 */
public final class DevTelegram {
    public static final String API_BASE_URL_ENV = "ACKFLOW_TELEGRAM_API_BASE_URL";
    public static final String FAKE_PORT_ENV = "ACKFLOW_DEV_TELEGRAM_PORT";
    /** Read by application.yml as the default of {@code ackflow.telegram.api-base-url}. */
    static final String DEV_API_BASE_URL = "ackflow.dev.telegram-api-base-url";

    private static volatile FakeTelegramServer fake;

    private DevTelegram() {}

    /** Starts the fake unless a real API is configured; returns the properties that point the sender at it. */
    static Map<String, Object> prepare() {
        String real = System.getenv(API_BASE_URL_ENV);
        if (real != null && !real.isBlank()) {
            return Map.of(DEV_API_BASE_URL, real.trim());
        }
        String port = System.getenv(FAKE_PORT_ENV);
        fake = FakeTelegramServer.start(port == null || port.isBlank() ? 0 : Integer.parseInt(port.trim()));
        return Map.of(DEV_API_BASE_URL, fake.baseUrl());
    }

    /** The fake, when dev mode runs one. */
    public static Optional<FakeTelegramServer> fake() {
        return Optional.ofNullable(fake);
    }
}
