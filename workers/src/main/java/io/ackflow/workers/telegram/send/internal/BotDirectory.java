package io.ackflow.workers.telegram.send.internal;

import io.ackflow.schema.event.BotDefined;
import io.ackflow.schema.view.ReferenceView;
import io.ackflow.workers.telegram.send.TelegramSendProperties;
import io.ackflow.workers.telegram.send.limit.BotLimits;
import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The bots this process can send as: definitions from the bots reference topic ({@code PUT /v1/bots/{botId}}) over
 * static ones from {@code ackflow.telegram.bots.<id>}. A bot not yet known is looked up again once the view has caught
 * up with the topic, so a message queued right after its bot was defined is not rejected.
 */
public final class BotDirectory implements AutoCloseable {
    private final ReferenceView<BotDefined> view;
    private final TelegramSendProperties properties;

    /** @param view the bots view, or null when only static bots are used */
    public BotDirectory(ReferenceView<BotDefined> view, TelegramSendProperties properties) {
        this.view = view;
        this.properties = properties;
    }

    public Optional<BotEndpoint> endpoint(String botId) {
        Optional<BotEndpoint> found = lookup(botId);
        if (found.isEmpty() && view != null && view.awaitCurrent(Duration.ofSeconds(2))) {
            found = lookup(botId);
        }
        return found;
    }

    private Optional<BotEndpoint> lookup(String botId) {
        BotDefined defined = defined(botId);
        TelegramSendProperties.StaticBot fixed = properties.bots().get(botId);
        String token = defined != null && defined.token() != null && !defined.token().isBlank()
                ? defined.token()
                : fixed == null ? null : fixed.token();
        if (token == null) {
            return Optional.empty();
        }
        URI base = properties.apiBaseUrl();
        if (fixed != null && fixed.apiBaseUrl() != null) {
            base = fixed.apiBaseUrl();
        }
        if (defined != null && defined.apiBaseUrl() != null && !defined.apiBaseUrl().isBlank()) {
            base = URI.create(defined.apiBaseUrl());
        }
        return Optional.of(new BotEndpoint(botId, token, base));
    }

    /** The bot's limits: Telegram's defaults with the bot definition's overrides. */
    public BotLimits limits(String botId) {
        BotLimits defaults = BotLimits.telegramDefaults(properties.sender().chatBurst(), properties.sender().globalBurst());
        BotDefined defined = defined(botId);
        try {
            return defined == null ? defaults : defaults.overriddenBy(defined.limits());
        } catch (IllegalArgumentException bad) {
            // a bad definition must not stop sending for the bot; ingress validates limits, this is a second line
            return defaults;
        }
    }

    /** Calls {@code listener(botId)} when a bot definition changes. */
    public void onChange(Consumer<String> listener) {
        if (view != null) {
            view.onChange((botId, value) -> listener.accept(botId));
        }
    }

    private BotDefined defined(String botId) {
        return view == null ? null : view.get(botId).orElse(null);
    }

    @Override
    public void close() {
        if (view != null) {
            view.close();
        }
    }
}
