package io.ackflow.app.sweep.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RawHttpTest {

    @Test
    void readsAChunkedAnswerWithRepeatedHeaders() throws Exception {
        byte[] raw = ("HTTP/1.1 400 \r\nContent-Type: application/problem+json\r\nTransfer-Encoding: chunked\r\n"
                + "Vary: a\r\nVary: b\r\n\r\n4\r\n{\"a\"\r\n3\r\n:1}\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

        RawResponse r = RawHttp.parse(raw);

        assertThat(r.status()).isEqualTo(400);
        assertThat(r.isProblem()).isTrue();
        assertThat(r.headers().get("vary")).containsExactly("a", "b");
        assertThat(new String(r.body(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");
    }

    @Test
    void writesDuplicatedHeadersRawBytesAndNoHostAsGiven() {
        RawRequest r = RawRequest.of("POST", "/v1/x%00").add("Authorization", "Bearer a")
                .add("Authorization", "Bearer b").addBytes("Idempotency-Key", new byte[] {'k', 0x01}).json("{}")
                .withoutHost();

        String wire = new String(r.encode("127.0.0.1:1"), StandardCharsets.ISO_8859_1);

        assertThat(wire).startsWith("POST /v1/x%00 HTTP/1.1\r\nAuthorization: Bearer a\r\nAuthorization: Bearer b\r\n"
                + "Idempotency-Key: k\u0001\r\n").doesNotContain("Host:").contains("Content-Length: 2\r\n")
                .endsWith("\r\n\r\n{}");
    }

    @Test
    void chunkedFramingEndsWithTheLastChunk() {
        String wire = new String(RawRequest.of("PUT", "/p").json("{\"a\":1}").framing(RawRequest.Framing.CHUNKED)
                .encode("h:1"), StandardCharsets.US_ASCII);

        assertThat(wire).contains("Transfer-Encoding: chunked\r\n").doesNotContain("Content-Length")
                .endsWith("\r\n\r\n7\r\n{\"a\":1}\r\n0\r\n\r\n");
    }
}
