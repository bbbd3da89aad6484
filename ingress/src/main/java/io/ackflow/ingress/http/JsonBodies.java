package io.ackflow.ingress.http;

import io.ackflow.ingress.IngressProperties;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.springframework.stereotype.Component;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads request bodies within a size limit and parses them strictly: JSON media type only (415), at most the limit
 * (413), well-formed UTF-8 JSON with no duplicate keys, no trailing data, no NaN/Infinity, bounded nesting and number
 * length (400). Field rules are checked afterwards with {@link JsonFields} (422).
 */
@Component
public class JsonBodies {
    /** Strict parser for request bodies; floats become exact decimals. */
    static final JsonMapper STRICT = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(StreamReadConstraints.builder()
                            .maxNestingDepth(64)
                            .maxNumberLength(100)
                            .maxNameLength(1000)
                            .build())
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .build())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final int defaultLimit;

    public JsonBodies(IngressProperties props) {
        this.defaultLimit = (int) props.maxBodySize().toBytes();
    }

    public int defaultLimit() {
        return defaultLimit;
    }

    /** The raw body, checked for media type and size ({@code ackflow.ingress.max-body-size}). */
    public byte[] read(HttpServletRequest request) {
        return read(request, defaultLimit);
    }

    /** The raw body, checked for media type and {@code limit} bytes. */
    public byte[] read(HttpServletRequest request, int limit) {
        requireJson(request.getContentType());
        long declared = request.getContentLengthLong();
        if (declared > limit) {
            throw ApiException.tooLarge(limit);
        }
        try (InputStream in = request.getInputStream()) {
            return declared >= 0 ? readDeclared(in, (int) declared, limit) : readUndeclared(in, limit);
        } catch (IOException e) {
            throw ApiException.badRequest("body", "could not read the request body");
        }
    }

    /**
     * A body with a {@code Content-Length}: read into an array of exactly that size. (A general read allocates 8 KB
     * chunks, a quarter of what a typical 250-byte publish used to allocate.) The container ends the stream
     * at the declared length; a stream that says otherwise is refused rather than trusted.
     */
    static byte[] readDeclared(InputStream in, int declared, int limit) throws IOException {
        byte[] body = new byte[declared];
        int n = in.readNBytes(body, 0, declared);
        if (n < declared) {
            throw ApiException.badRequest("body", "the body ended before its Content-Length (" + declared + " bytes)");
        }
        if (in.read() >= 0) {
            throw ApiException.tooLarge(limit);
        }
        return body;
    }

    /** A body without a {@code Content-Length} (chunked): read up to {@code limit} bytes, then refuse. */
    static byte[] readUndeclared(InputStream in, int limit) throws IOException {
        byte[] body = in.readNBytes(limit + 1);
        if (body.length > limit) {
            throw ApiException.tooLarge(limit);
        }
        return body;
    }

    /** Parses a body into a JSON tree, else 400 naming where it broke. */
    public static JsonNode parse(byte[] body) {
        if (body.length == 0) {
            throw ApiException.malformedJson("the body is empty; a JSON object is expected");
        }
        int bad = Utf8.firstInvalid(body);
        if (bad >= 0) {
            throw ApiException.malformedJson("the body is not valid UTF-8 (byte " + bad + ")");
        }
        try (JsonParser parser = STRICT.createParser(utf8Text(body))) {
            JsonNode tree = STRICT.readTree(parser);
            if (parser.nextToken() != null) {
                throw ApiException.malformedJson("malformed JSON" + where(parser.currentLocation())
                        + ": unexpected data after the JSON value");
            }
            return tree;
        } catch (JacksonException e) {
            throw ApiException.malformedJson("malformed JSON" + where(e.getLocation()) + ": " + brief(e.getOriginalMessage()));
        } catch (NumberFormatException e) {
            // an exponent BigDecimal cannot hold (1e2147483648): Jackson throws this one unwrapped
            throw ApiException.invalid(List.of(new FieldError("body", "a number is out of range")));
        }
    }

    /**
     * The body decoded as the UTF-8 it was just validated to be. Handing Jackson the bytes would let it guess the
     * encoding: a UTF-16 body is also valid UTF-8 (its zero bytes are NUL characters), and Jackson would parse it as
     * UTF-16 and take it. A leading byte order mark is still ignored, as RFC 8259 allows and as before.
     */
    private static String utf8Text(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Parses a body that must be a JSON object; fields are then read with {@link JsonFields}. */
    public static JsonFields parseObject(byte[] body) {
        return JsonFields.of(parse(body));
    }

    static void requireJson(String contentType) {
        if (contentType == null) {
            throw ApiException.unsupportedMediaType(null);
        }
        if (contentType.equals("application/json")) { // nearly every request: no parsing, no allocation
            return;
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        boolean json = type.equals("application/json") || (type.startsWith("application/") && type.endsWith("+json"));
        boolean utf8 = Arrays.stream(parts).skip(1).map(p -> p.trim().toLowerCase(Locale.ROOT))
                .filter(p -> p.startsWith("charset="))
                .allMatch(p -> p.equals("charset=utf-8") || p.equals("charset=\"utf-8\""));
        if (!json || !utf8) {
            throw ApiException.unsupportedMediaType(contentType.length() > 100 ? contentType.substring(0, 100) : contentType);
        }
    }

    private static String where(TokenStreamLocation loc) {
        if (loc == null || loc.getLineNr() < 1) {
            return "";
        }
        return " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    }

    private static String brief(String message) {
        if (message == null) {
            return "unreadable";
        }
        String oneLine = message.replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }
}
