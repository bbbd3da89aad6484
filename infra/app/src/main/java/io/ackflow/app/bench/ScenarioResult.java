package io.ackflow.app.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What a scenario measured (figures, with the old system's figure beside each), its charts and its correctness. */
final class ScenarioResult {
    /** One row of the summary: a figure, its unit and what the replaced system did. */
    record Figure(String name, double value, String unit, String baseline) {}

    final String scenario;
    final String load;
    final List<Figure> figures = new ArrayList<>();
    final List<Series> charts = new ArrayList<>();
    final List<String> problems = new ArrayList<>();
    /** Targets missed and refusals the contract allows (503, timeouts): reported, but not a correctness failure. */
    final List<String> warnings = new ArrayList<>();
    final Map<String, Object> details = new LinkedHashMap<>();

    ScenarioResult(String scenario, String load) {
        this.scenario = scenario;
        this.load = load;
    }

    ScenarioResult figure(String name, double value, String unit, String baseline) {
        figures.add(new Figure(name, value, unit, baseline));
        return this;
    }

    void problem(String text) {
        problems.add(text);
    }

    void warn(String text) {
        warnings.add(text);
    }

    boolean correct() {
        return problems.isEmpty();
    }
}
