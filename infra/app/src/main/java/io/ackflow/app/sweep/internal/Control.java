package io.ackflow.app.sweep.internal;

/**
 * A valid request the sweep sends around its inputs, so the topic scan is seen to find what ingress publishes.
 *
 * @param name the route template, for the report
 * @param topic where its record must appear
 * @param key the record's key, to find a control whose answer carries no event id (admin {@code PUT}s)
 * @param status the answer it must get
 */
public record Control(String name, String topic, String key, RawRequest request, int status) {

    /** An admin {@code PUT /v1/<collection>/<id>}: 200, keyed by the id. */
    public static Control put(String collection, String topic, String id, String adminToken, String body) {
        return new Control("PUT /v1/" + collection + "/{id}", topic, id,
                RawRequest.of("PUT", "/v1/" + collection + "/" + id).bearer(adminToken).json(body), 200);
    }
}
