package io.ackflow.ingress.http;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a JSON object strictly, collecting every problem with its path ({@code questions[0].options}) so one
 * 422 names them all. Types are never coerced: a number given as a string is an error. Unknown fields are ignored.
 */
public final class JsonFields {
    /** Numbers anywhere in a body stay within 1e-64..1e64 in magnitude, so no consumer meets 1e999999. */
    private static final int MAX_EXPONENT = 64;
    private static final BigDecimal MAX_AMOUNT = new BigDecimal("1000000000000"); // 1e12

    private final JsonNode node;
    private final String prefix;
    private final List<FieldError> errors;

    private JsonFields(JsonNode node, String prefix, List<FieldError> errors) {
        this.node = node;
        this.prefix = prefix;
        this.errors = errors;
    }

    /** Fields of a request body, which must be a JSON object (else 422). */
    public static JsonFields of(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw ApiException.invalid(List.of(new FieldError("body", "must be a JSON object")));
        }
        checkStrings(root, "body");
        return new JsonFields(root, "", new ArrayList<>());
    }

    /** Fields of a nested object, sharing this reader's error list. */
    public JsonFields nested(JsonNode child, String path) {
        return new JsonFields(child, path, errors);
    }

    public JsonNode node() {
        return node;
    }

    public String path(String name) {
        return prefix.isEmpty() ? name : prefix + "." + name;
    }

    public void reject(String field, String detail) {
        errors.add(new FieldError(field, detail));
    }

    /** Throws 422 with every error collected so far. */
    public void validate() {
        if (!errors.isEmpty()) {
            throw ApiException.invalid(errors);
        }
    }

    public boolean hasErrors() {
        return !errors.isEmpty();
    }

    private JsonNode present(String name, boolean required) {
        JsonNode v = node.get(name);
        if (v == null || v.isNull()) {
            if (required) {
                reject(path(name), "is required");
            }
            return null;
        }
        return v;
    }

    /** Free text: non-blank, at most {@code max} characters, no control characters other than tab and newlines. */
    public String text(String name, int max, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            reject(path(name), "must be a string");
            return null;
        }
        String s = v.stringValue();
        if (s.isBlank()) {
            reject(path(name), "must not be blank");
            return null;
        }
        if (s.codePointCount(0, s.length()) > max) {
            reject(path(name), "must be at most " + max + " characters");
            return null;
        }
        if (s.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
            reject(path(name), "must not contain control characters");
            return null;
        }
        return s;
    }

    /** An id: {@code [A-Za-z0-9._:-]{1,64}}. */
    public String id(String name, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isString() || !RequestGate.ID.matcher(v.stringValue()).matches()) {
            reject(path(name), "must be a string matching [A-Za-z0-9._:-]{1,64}");
            return null;
        }
        return v.stringValue();
    }

    /** One of {@code allowed}, exactly. */
    public String oneOf(String name, Set<String> allowed, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isString() || !allowed.contains(v.stringValue())) {
            reject(path(name), "must be one of " + String.join(", ", new java.util.TreeSet<>(allowed)));
            return null;
        }
        return v.stringValue();
    }

    /**
     * A JSON number greater than zero, with at most {@code maxScale} decimals and at most 1e12.
     */
    public BigDecimal positiveDecimal(String name, int maxScale, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isNumber()) {
            reject(path(name), "must be a number");
            return null;
        }
        BigDecimal d = v.decimalValue();
        if (d.signum() <= 0) {
            reject(path(name), "must be positive");
            return null;
        }
        if (d.compareTo(MAX_AMOUNT) > 0) {
            reject(path(name), "must be at most 1000000000000");
            return null;
        }
        BigDecimal plain = d.stripTrailingZeros();
        if (plain.scale() > maxScale) {
            reject(path(name), "must have at most " + maxScale + " decimal places");
            return null;
        }
        return plain.scale() < 0 ? plain.setScale(0) : plain;
    }

    /** A JSON integer within [min, max]. */
    public Long integer(String name, long min, long max, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            reject(path(name), "must be an integer");
            return null;
        }
        long l = v.longValue();
        if (l < min || l > max) {
            reject(path(name), "must be between " + min + " and " + max);
            return null;
        }
        return l;
    }

    /** An ISO-8601 date-time with an offset, e.g. {@code 2030-01-01T10:00:00Z}. */
    public Instant instant(String name, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isString()) {
            reject(path(name), "must be an ISO-8601 date-time string such as 2030-01-01T10:00:00Z");
            return null;
        }
        try {
            Instant at = OffsetDateTime.parse(v.stringValue(), DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            if (at.isBefore(Instant.parse("1970-01-01T00:00:00Z")) || at.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                reject(path(name), "must be between 1970 and 9999");
                return null;
            }
            return at;
        } catch (DateTimeParseException e) {
            reject(path(name), "must be an ISO-8601 date-time with offset, such as 2030-01-01T10:00:00Z");
            return null;
        }
    }

    public JsonNode object(String name, boolean required) {
        JsonNode v = present(name, required);
        if (v != null && !v.isObject()) {
            reject(path(name), "must be an object");
            return null;
        }
        return v;
    }

    public JsonNode array(String name, int maxSize, boolean required) {
        JsonNode v = present(name, required);
        if (v == null) {
            return null;
        }
        if (!v.isArray()) {
            reject(path(name), "must be an array");
            return null;
        }
        if (v.size() > maxSize) {
            reject(path(name), "must have at most " + maxSize + " elements");
            return null;
        }
        return v;
    }

    /**
     * Rejects (400) strings or names holding unpaired UTF-16 surrogates anywhere in the tree: they cannot be written
     * back as UTF-8, so they would fail later, after the request was accepted. Rejects (422) numbers of absurd
     * magnitude, which turn into infinities or million-digit strings downstream.
     */
    static void checkStrings(JsonNode node, String path) {
        if (node.isNumber()) {
            if (node.isFloatingPointNumber() || node.isBigDecimal()) {
                java.math.BigDecimal d = node.decimalValue();
                if (Math.abs(d.scale()) > MAX_EXPONENT || d.precision() - d.scale() > MAX_EXPONENT) {
                    throw ApiException.invalid(List.of(new FieldError(path, "number is out of range")));
                }
            }
        } else if (node.isString()) {
            if (hasLoneSurrogate(node.stringValue())) {
                throw ApiException.malformedJson(path + " contains an unpaired UTF-16 surrogate");
            }
        } else if (node.isObject()) {
            for (var e : node.properties()) {
                if (hasLoneSurrogate(e.getKey())) {
                    throw ApiException.malformedJson(path + " has a field name with an unpaired UTF-16 surrogate");
                }
                checkStrings(e.getValue(), e.getKey());
            }
        } else if (node.isArray()) {
            for (JsonNode child : node.values()) {
                checkStrings(child, path);
            }
        }
    }

    static boolean hasLoneSurrogate(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
                    return true;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
