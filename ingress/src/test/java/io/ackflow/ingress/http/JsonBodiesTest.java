package io.ackflow.ingress.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonBodiesTest {

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"a\":1}{\"b\":2}", "{\"a\":1} x", "{\"a\":\"\\ud800\"}", "{\"\\udfff\":1}", "{\"a\":NaN}", "{\"a\":1,\"a\":2}",
        "{'a':1}", "/* c */{}", "{\"a\":1,}", ""
    })
    void rejectsMalformedJsonAs400(String body) {
        assertThatThrownBy(() -> JsonBodies.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[1]", "{\"a\":1e999999}", "{\"a\":[1e-100]}", "{\"a\":{\"b\":1e65}}"})
    void rejectsNonObjectsAndAbsurdNumbersAs422(String body) {
        assertThatThrownBy(() -> JsonBodies.parseObject(body.getBytes()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":1e2147483648}", "{\"a\":1e-2147483649}", "{\"a\":[-1E+2147483648]}"})
    void rejectsExponentsBeyondBigDecimalAs422Not500(String body) {
        assertThatThrownBy(() -> JsonBodies.parseObject(body.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
    }

    @Test
    void aDeclaredBodyIsReadExactly() throws Exception {
        byte[] sent = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonBodies.readDeclared(new ByteArrayInputStream(sent), sent.length, 100)).isEqualTo(sent);
        assertThat(JsonBodies.readDeclared(new ByteArrayInputStream(new byte[0]), 0, 100)).isEmpty();
    }

    @Test
    void aDeclaredBodyThatEndsEarlyIs400AndOneThatGoesOnIs413() {
        byte[] sent = "{\"a\":1}".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> JsonBodies.readDeclared(new ByteArrayInputStream(sent), sent.length + 1, 100))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
        assertThatThrownBy(() -> JsonBodies.readDeclared(new ByteArrayInputStream(sent), sent.length - 1, 100))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(413));
    }

    @Test
    void anUndeclaredBodyIsReadUpToTheLimit() throws Exception {
        byte[] sent = new byte[100];

        assertThat(JsonBodies.readUndeclared(new ByteArrayInputStream(sent), 100)).hasSize(100);
        assertThatThrownBy(() -> JsonBodies.readUndeclared(new ByteArrayInputStream(sent), 99))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(413));
    }

    @Test
    void aUtf16BodyIsNotTakenForJson() {
        // valid UTF-8 (the zero bytes are NUL characters), which a parser guessing the encoding reads as UTF-16
        String json = "{\"a\":1}";
        for (byte[] body : new byte[][] {json.getBytes(StandardCharsets.UTF_16LE),
            json.getBytes(StandardCharsets.UTF_16BE), json.getBytes(Charset.forName("UTF-32BE"))}) {
            assertThatThrownBy(() -> JsonBodies.parseObject(body))
                    .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(400));
        }
    }

    @Test
    void aLeadingByteOrderMarkIsIgnored() {
        byte[] body = "\uFEFF{\"a\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(JsonBodies.parseObject(body).text("a", 10, true)).isEqualTo("x");
    }

    @Test
    void rejectsNonObjectsAs422() {
        assertThatThrownBy(() -> JsonBodies.parseObject("[1]".getBytes()))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status().value()).isEqualTo(422));
    }

    @Test
    void acceptsSurrogatePairsAndUnicode() {
        assertThat(JsonBodies.parseObject("{\"a\":\"\\ud83d\\ude00 héllo 😀\"}".getBytes(StandardCharsets.UTF_8))
                .text("a", 100, true)).isEqualTo("😀 héllo 😀");
    }

    @Test
    void strictUtf8RejectsOverlongSurrogatesAndTruncation() {
        assertThat(Utf8.firstInvalid("plain ascii é 😀".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(Utf8.firstInvalid(new byte[] {'a', (byte) 0xC0, (byte) 0xAF})).isEqualTo(1);
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})).isZero();
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xE2, (byte) 0x82})).isZero();
        assertThat(Utf8.firstInvalid(new byte[] {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80})).isZero();
    }

    @Test
    void contentTypeMustBeJsonInUtf8() {
        JsonBodies.requireJson("application/json");
        JsonBodies.requireJson("application/json; charset=UTF-8");
        JsonBodies.requireJson("application/vnd.thing+json");
        for (String bad : new String[] {"text/plain", "application/json; charset=utf-16", "application/xml", "json"}) {
            assertThatThrownBy(() -> JsonBodies.requireJson(bad)).isInstanceOf(ApiException.class);
        }
    }
}
