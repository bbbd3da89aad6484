package io.ackflow.app.sweep.internal;

import io.ackflow.app.sweep.internal.BadBodies.Body;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Every input of one sweep, in a fixed order for a given seed. */
public final class SweepCorpus {
    private SweepCorpus() {}

    public static List<SweepInput> build(SweepFixtures fixtures, String adminToken, String clientKey, long seed) {
        Random random = new Random(seed);
        List<Body> neverValid = BadBodies.neverValid(random);
        IngressInputs ingress = new IngressInputs(fixtures, adminToken, clientKey);
        List<SweepInput> out = new ArrayList<>();
        for (IngressEndpoint e : IngressEndpoints.all(fixtures)) {
            out.addAll(ingress.all(e, neverValid, random));
        }
        out.addAll(new WebhookInputs(fixtures, ingress).all());
        out.addAll(new ReadInputs(fixtures, adminToken, clientKey).all());
        out.addAll(new OpsInputs(fixtures, adminToken, clientKey).all(neverValid));
        return out;
    }
}
