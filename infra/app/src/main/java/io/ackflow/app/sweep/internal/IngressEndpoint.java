package io.ackflow.app.sweep.internal;

import java.util.List;

/**
 * One ingress route as the sweep attacks it: how a valid request looks (so each input changes one thing) and bodies
 * that are valid JSON objects but break the route's own field rules.
 *
 * @param pathFormat the path with {@code %s} for the id
 * @param id the path id; contains the sweep's marker
 * @param validBody a body the route takes, containing the marker; null for routes without a body
 * @param invalidObjects JSON objects the route must refuse (wrong types, missing fields, out-of-range values)
 * @param anyObjectValid the route takes any JSON object (a generic webhook), so only never-valid bodies apply
 */
public record IngressEndpoint(String group, String method, String pathFormat, String id, Auth auth, String validBody,
        List<String> invalidObjects, boolean anyObjectValid) {

    /** How a valid request authenticates. */
    public enum Auth { ADMIN, CLIENT, WEBHOOK_TOKEN, WEBHOOK_SIGNED, TELEGRAM_SECRET }

    /** The route template for the report: {@code POST /v1/auctions/{id}/bids}. */
    public String name() {
        return method + " " + pathFormat.formatted("{id}");
    }

    public String path() {
        return pathFormat.formatted(id);
    }

    public String pathWithId(String rawId) {
        return pathFormat.formatted(rawId);
    }

    public boolean hasBody() {
        return validBody != null;
    }

    public boolean bearer() {
        return auth == Auth.ADMIN || auth == Auth.CLIENT;
    }
}
