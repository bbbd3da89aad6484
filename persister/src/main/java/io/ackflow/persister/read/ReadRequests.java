package io.ackflow.persister.read;

import io.ackflow.schema.EventIds;
import io.ackflow.schema.auth.BearerCredentials;
import java.util.regex.Pattern;

/** Checks what every read request carries: credentials, ids and the limit. */
public final class ReadRequests {
    public static final int DEFAULT_LIMIT = 10;
    public static final int MAX_LIMIT = 1000;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:@-]{0,199}");

    private final BearerCredentials credentials;

    public ReadRequests(BearerCredentials credentials) {
        this.credentials = credentials;
    }

    /** Passes a client key or the admin token; anything else is a 401. */
    public void authorize(String authorization) {
        if (!credentials.isAdmin(authorization) && credentials.clientKeyId(authorization).isEmpty()) {
            throw ReadRejected.unauthorized();
        }
    }

    public static String id(String field, String value) {
        if (value == null || !ID.matcher(value).matches()) {
            throw ReadRejected.badField(field,
                    "must be 1-200 characters of letters, digits and . _ : @ -, starting with a letter or digit");
        }
        return value;
    }

    public static String eventId(String value) {
        if (!EventIds.isValid(value)) {
            throw ReadRejected.badField("id", "must be an event id (a UUID in canonical lower-case form)");
        }
        return value;
    }

    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_LIMIT) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw ReadRejected.badField("limit", "must be an integer between 1 and " + MAX_LIMIT);
    }
}
