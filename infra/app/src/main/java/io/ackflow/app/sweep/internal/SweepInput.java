package io.ackflow.app.sweep.internal;

/**
 * One malformed request and where it goes.
 *
 * @param group the surface, for the report ({@code ingress}, {@code webhook}, {@code read}, {@code ops}, ...)
 * @param endpoint the route template
 * @param attack what is wrong with it
 * @param surface which processes get it
 */
public record SweepInput(String group, String endpoint, String attack, Surface surface, RawRequest request,
        Expectation expect) {

    /** Which processes an input is sent to. */
    public enum Surface {
        /** One ingress process (round-robin). */
        INGRESS,
        /** One process serving the read API (round-robin). */
        READ,
        /** Every process: the surfaces all roles share ({@code /ops}, {@code /dev}, actuator). */
        EVERY_PROCESS
    }
}
