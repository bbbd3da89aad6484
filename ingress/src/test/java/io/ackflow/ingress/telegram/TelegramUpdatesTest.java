package io.ackflow.ingress.telegram;

import static org.assertj.core.api.Assertions.assertThat;

import io.ackflow.schema.Json;
import org.junit.jupiter.api.Test;

class TelegramUpdatesTest {
    static String key(String update) {
        return TelegramUpdates.key(Json.tree(update.getBytes()), 99);
    }

    @Test
    void keysByChatThenSenderThenUpdateId() {
        assertThat(key("{\"message\":{\"chat\":{\"id\":-1001}}}")).isEqualTo("-1001");
        assertThat(key("{\"edited_message\":{\"chat\":{\"id\":5}}}")).isEqualTo("5");
        assertThat(key("{\"callback_query\":{\"from\":{\"id\":7},\"message\":{\"chat\":{\"id\":8}}}}")).isEqualTo("8");
        assertThat(key("{\"callback_query\":{\"from\":{\"id\":7},\"inline_message_id\":\"x\"}}")).isEqualTo("7");
        assertThat(key("{\"inline_query\":{\"from\":{\"id\":11}}}")).isEqualTo("11");
        assertThat(key("{\"message\":{\"chat\":{\"id\":\"not-a-number\"}}}")).isEqualTo("99");
        assertThat(key("{}")).isEqualTo("99");
    }
}
