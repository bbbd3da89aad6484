package io.ackflow.workers.telegram.send.internal;

import java.net.URI;
import java.util.regex.Pattern;

/** Where and as whom to call the Bot API for one bot. {@link #toString()} and {@link #maskedUrl} never show the token. */
public record BotEndpoint(String botId, String token, URI baseUrl) {
    private static final Pattern TOKEN_IN_PATH = Pattern.compile("/bot([^/:]*):[^/]*");

    public URI url(String method) {
        String base = baseUrl.toString();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/bot" + token + "/" + method);
    }

    /** The URL of {@code method} with the token's secret part replaced by {@code ***}, fit for logs and exceptions. */
    public String maskedUrl(String method) {
        return mask(url(method).toString());
    }

    /** Masks any {@code /bot<id>:<secret>} in {@code text}. */
    public static String mask(String text) {
        return text == null ? null : TOKEN_IN_PATH.matcher(text).replaceAll("/bot$1:***");
    }

    @Override
    public String toString() {
        return "BotEndpoint[botId=" + botId + ", token=***, baseUrl=" + baseUrl + "]";
    }
}
