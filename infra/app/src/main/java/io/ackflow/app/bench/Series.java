package io.ackflow.app.bench;

import java.util.List;
import java.util.Map;

/** A chart: a title, a y unit and points over time (seconds from the scenario's start), several named lines each. */
record Series(String id, String title, String xLabel, String yLabel, List<String> lines, List<Point> points) {
    record Point(double x, Map<String, Double> values) {}
}
