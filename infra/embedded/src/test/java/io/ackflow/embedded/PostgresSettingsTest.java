package io.ackflow.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PostgresSettingsTest {

    @Test
    void extraSettingsAreNameValuePairsInOrder() {
        assertThat(EmbeddedPostgresServer.extraSettings(" shared_buffers=512MB , max_wal_size=4GB,"))
                .containsExactly(Map.entry("shared_buffers", "512MB"), Map.entry("max_wal_size", "4GB"));
        assertThat(EmbeddedPostgresServer.extraSettings("")).isEmpty();
    }

    @Test
    void aPairWithoutNameOrValueIsRefusedNamingTheProperty() {
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("shared_buffers"))
                .hasMessageContaining(EmbeddedPostgresServer.SETTINGS_PROPERTY).hasMessageContaining("shared_buffers");
        assertThatThrownBy(() -> EmbeddedPostgresServer.extraSettings("fsync="))
                .hasMessageContaining("fsync=");
    }
}
