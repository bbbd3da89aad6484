package io.ackflow.app.sweep.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Bodies no JSON endpoint may take, whatever fields it wants: not JSON, not an object, invalid UTF-8, nested too deep,
 * numbers too long, over every size limit. The rules they break are those of {@code docs/api.md} ("Errors").
 */
public final class BadBodies {
    /** One body and what is wrong with it. */
    public record Body(String attack, byte[] bytes) {
        static Body text(String attack, String json) {
            return new Body(attack, json.getBytes(StandardCharsets.UTF_8));
        }
    }

    private BadBodies() {}

    /** Every body here is refused by every JSON endpoint, even one that takes any JSON object. */
    public static List<Body> neverValid(Random random) {
        List<Body> out = new ArrayList<>();
        out.addAll(notObjects());
        out.addAll(malformed());
        out.addAll(numbers());
        out.addAll(unicode());
        out.addAll(nesting());
        out.addAll(oversized());
        out.addAll(noise(random));
        return out;
    }

    static List<Body> notObjects() {
        return List.of(Body.text("empty body", ""), Body.text("whitespace only", " \r\n\t "),
                Body.text("JSON null", "null"), Body.text("JSON true", "true"), Body.text("a number", "0"),
                Body.text("a negative number", "-1"), Body.text("a string", "\"str\""), Body.text("an array", "[]"),
                Body.text("an array of an object", "[{}]"));
    }

    static List<Body> malformed() {
        List<Body> out = new ArrayList<>();
        for (String s : List.of("{", "{\"a\"", "{\"a\":", "{\"a\":1", "{\"a\":\"x", "{\"a\":[1,2", "{\"a\":{\"b\":")) {
            out.add(Body.text("truncated: " + s, s));
        }
        for (String s : List.of("}", "{\"a\"}", "{\"a\":}", "{\"a\":1,}", "{,}", "{'a':1}", "{a:1}", "/* c */{}",
                "{\"a\":1}//c", "{\"a\":1}{\"b\":2}", "{\"a\":1} trailing", "{\"a\":1}]", "{\"a\":tru}",
                "{\"a\":True}", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12\"}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":1,\"a\":2}")) {
            out.add(Body.text("malformed: " + s, s));
        }
        return out;
    }

    static List<Body> numbers() {
        List<Body> out = new ArrayList<>();
        for (String n : List.of("01", "+1", ".5", "1.", "0x10", "1e", "--1", "1_000", "NaN", "Infinity", "-Infinity",
                "+Infinity", "nan", "1e999999", "-1e999999", "1e2147483648", "1e-2147483649")) {
            out.add(Body.text("number " + n, "{\"a\":" + n + "}"));
        }
        out.add(Body.text("a 101-digit number", "{\"a\":" + "9".repeat(101) + "}"));
        out.add(Body.text("a 5000-digit number", "{\"a\":" + "9".repeat(5000) + "}"));
        out.add(Body.text("a 5000-digit fraction", "{\"a\":0." + "0".repeat(5000) + "1}"));
        return out;
    }

    static List<Body> unicode() {
        List<Body> out = new ArrayList<>();
        out.add(Body.text("raw NUL in a string", "{\"a\":\"x\u0000y\"}"));
        out.add(Body.text("raw control character in a string", "{\"a\":\"x\u0001y\"}"));
        out.add(Body.text("raw NUL after the object", "{\"a\":1}\u0000"));
        out.add(Body.text("lone high surrogate escape", "{\"a\":\"\\ud800\"}"));
        out.add(Body.text("lone low surrogate escape in a key", "{\"\\udfff\":1}"));
        out.add(Body.text("reversed surrogate pair", "{\"a\":\"\\udc00\\ud800\"}"));
        out.add(Body.text("high surrogate at the end of a string", "{\"a\":\"x\\ud83d\"}"));
        out.add(bytes("CESU-8 surrogate bytes", 0xED, 0xA0, 0x80));
        out.add(bytes("overlong '/' (C0 AF)", 0xC0, 0xAF));
        out.add(bytes("overlong NUL (C0 80)", 0xC0, 0x80));
        out.add(bytes("3-byte overlong", 0xE0, 0x80, 0xAF));
        out.add(bytes("4-byte overlong", 0xF0, 0x80, 0x80, 0xAF));
        out.add(bytes("code point above U+10FFFF", 0xF4, 0x90, 0x80, 0x80));
        out.add(bytes("5-byte sequence", 0xF8, 0x88, 0x80, 0x80, 0x80));
        out.add(bytes("byte FF", 0xFF));
        out.add(bytes("byte FE", 0xFE));
        out.add(bytes("lone continuation byte", 0x80));
        out.add(bytes("truncated 3-byte sequence", 0xE2, 0x82));
        out.add(new Body("BOM before an array", new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '['}));
        out.add(new Body("UTF-16LE body", "{\"a\":1}".getBytes(StandardCharsets.UTF_16LE)));
        out.add(new Body("UTF-16 body with BOM", "{\"a\":1}".getBytes(StandardCharsets.UTF_16)));
        return out;
    }

    /** {@code {"a":"<bytes>"}}: invalid UTF-8 inside an otherwise valid object. */
    private static Body bytes(String attack, int... raw) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
        for (int b : raw) {
            out.write(b);
        }
        out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
        return new Body("invalid UTF-8: " + attack, out.toByteArray());
    }

    static List<Body> nesting() {
        return List.of(
                Body.text("nesting 66 deep (limit 64)", "{\"a\":" + "[".repeat(65) + "]".repeat(65) + "}"),
                Body.text("nesting 200 objects deep", "{\"a\":".repeat(200) + "1" + "}".repeat(200)),
                Body.text("60000 unclosed arrays", "[".repeat(60_000)),
                Body.text("10000 unclosed objects", "{\"a\":".repeat(10_000)));
    }

    /** Over the default 64KB limit, and over the 512KB ceiling any source may set. */
    static List<Body> oversized() {
        return List.of(padded("70KB object (limit 64KB)", 70 * 1024),
                padded("600KB object (ceiling 512KB)", 600 * 1024));
    }

    public static Body padded(String attack, int size) {
        String head = "{\"pad\":\"";
        return Body.text(attack, head + "x".repeat(Math.max(0, size - head.length() - 2)) + "\"}");
    }

    static List<Body> noise(Random random) {
        List<Body> out = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            byte[] b = new byte[1 + random.nextInt(300)];
            random.nextBytes(b);
            if (b[0] == '{' || Character.isWhitespace(b[0])) {
                b[0] = '#';
            }
            out.add(new Body("random bytes #" + i, b));
        }
        return out;
    }
}
