package io.ackflow.app.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check of one request kind found, by category. Failures: {@code lost} (acknowledged, effect missing),
 * {@code doubled} (an effect more than once), {@code wrong} (an effect other than the promised one, such as a later
 * answer counted instead of the first), {@code refusedWithEffect}. Not failures: {@code uncertainWithEffect} (a request
 * without a definite answer that took effect, once), and the named {@code figures}.
 */
final class Effects {
    private static final int MAX_DETAILS = 10;

    private long lost;
    private long doubled;
    private long wrong;
    private long refusedWithEffect;
    private long uncertainWithEffect;
    private final Map<String, Long> figures = new LinkedHashMap<>();
    private final List<String> details = new ArrayList<>();

    long lost() {
        return lost;
    }

    long doubled() {
        return doubled;
    }

    long wrong() {
        return wrong;
    }

    long refusedWithEffect() {
        return refusedWithEffect;
    }

    long uncertainWithEffect() {
        return uncertainWithEffect;
    }

    Map<String, Long> figures() {
        return figures;
    }

    List<String> details() {
        return details;
    }

    void lost(String detail) {
        lost++;
        note("lost: " + detail);
    }

    void doubled(String detail) {
        doubled++;
        note("doubled: " + detail);
    }

    void wrong(String detail) {
        wrong++;
        note("wrong: " + detail);
    }

    void refusedWithEffect(String detail) {
        refusedWithEffect++;
        note("refused request had an effect: " + detail);
    }

    void uncertainHadEffect() {
        uncertainWithEffect++;
    }

    void figure(String name, long value) {
        figures.put(name, value);
    }

    void count(String name) {
        figures.merge(name, 1L, Long::sum);
    }

    Effects add(Effects other) {
        lost += other.lost;
        doubled += other.doubled;
        wrong += other.wrong;
        refusedWithEffect += other.refusedWithEffect;
        uncertainWithEffect += other.uncertainWithEffect;
        other.figures.forEach((k, v) -> figures.merge(k, v, Long::sum));
        other.details.forEach(this::note);
        return this;
    }

    private void note(String line) {
        if (details.size() < MAX_DETAILS) {
            details.add(line);
        }
    }
}
