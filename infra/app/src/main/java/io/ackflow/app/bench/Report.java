package io.ackflow.app.bench;

import io.ackflow.schema.Json;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The summary table (stdout), {@code report.json}, {@code report.html} with inline SVG charts, and one SVG per chart. */
final class Report {
    private static final String[] COLOURS = {"#1f77b4", "#d62728", "#7f7f7f", "#2ca02c"};

    private Report() {}

    static void printTable(List<ScenarioResult> results, PrintStream out) {
        out.printf(Locale.ROOT, "%-9s %-48s %12s   %s%n", "scenario", "figure", "ackflow", "old system");
        for (ScenarioResult r : results) {
            for (ScenarioResult.Figure f : r.figures) {
                out.printf(Locale.ROOT, "%-9s %-48s %12s   %s%n", r.scenario, f.name(), format(f), f.baseline());
            }
            out.printf(Locale.ROOT, "%-9s %-48s %12s   %s%n", r.scenario, "correctness", r.correct() ? "OK" : "FAILED",
                    r.correct() ? "" : String.join("; ", r.problems));
            for (String w : r.warnings) {
                out.printf(Locale.ROOT, "%-9s %-48s %12s   %s%n", r.scenario, "warning", "", w);
            }
        }
    }

    static String format(ScenarioResult.Figure f) {
        if (Double.isNaN(f.value())) {
            return "n/a";
        }
        String v = f.value() >= 100 || f.unit().isEmpty() ? String.format(Locale.ROOT, "%.0f", f.value())
                : String.format(Locale.ROOT, "%.2f", f.value());
        return f.unit().isEmpty() ? v : v + " " + f.unit();
    }

    static void write(Path dir, Map<String, Object> meta, List<ScenarioResult> results) {
        try {
            Files.createDirectories(dir);
            List<Map<String, Object>> json = new ArrayList<>();
            StringBuilder html = new StringBuilder("<!doctype html><html><head><meta charset=\"utf-8\"><title>ackflow bench"
                    + "</title><style>body{font-family:sans-serif;max-width:960px;margin:2em auto}table{border-collapse:"
                    + "collapse}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left}.bad{color:#b00}</style>"
                    + "</head><body><h1>ackflow end-to-end scenarios</h1><p>");
            meta.forEach((k, v) -> html.append(escape(k)).append(": ").append(escape(String.valueOf(v))).append("<br>"));
            html.append("</p>");
            for (ScenarioResult r : results) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("scenario", r.scenario);
                m.put("load", r.load);
                m.put("correct", r.correct());
                m.put("problems", r.problems);
                m.put("warnings", r.warnings);
                List<Map<String, Object>> figures = new ArrayList<>();
                for (ScenarioResult.Figure f : r.figures) {
                    Map<String, Object> fm = new LinkedHashMap<>();
                    fm.put("name", f.name());
                    fm.put("value", Double.isFinite(f.value()) ? f.value() : null);
                    fm.put("unit", f.unit());
                    fm.put("old_system", f.baseline());
                    figures.add(fm);
                }
                m.put("figures", figures);
                m.put("details", r.details);
                List<Map<String, Object>> charts = new ArrayList<>();
                for (Series s : r.charts) {
                    charts.add(Map.of("id", s.id(), "title", s.title(), "points", s.points().stream()
                            .map(p -> Map.of("x", p.x(), "values", p.values())).toList()));
                }
                m.put("charts", charts);
                json.add(m);

                html.append("<h2>").append(escape(r.scenario)).append(r.correct() ? " (correct)" : " <span class=bad>"
                        + "(FAILED)</span>").append("</h2><p>").append(escape(r.load)).append("</p>");
                if (!r.correct()) {
                    html.append("<ul class=bad>");
                    r.problems.forEach(p -> html.append("<li>").append(escape(p)).append("</li>"));
                    html.append("</ul>");
                }
                if (!r.warnings.isEmpty()) {
                    html.append("<p>Warnings:</p><ul>");
                    r.warnings.forEach(p -> html.append("<li>").append(escape(p)).append("</li>"));
                    html.append("</ul>");
                }
                html.append("<table><tr><th>figure</th><th>ackflow</th><th>old system</th></tr>");
                for (ScenarioResult.Figure f : r.figures) {
                    html.append("<tr><td>").append(escape(f.name())).append("</td><td>").append(escape(format(f)))
                            .append("</td><td>").append(escape(f.baseline())).append("</td></tr>");
                }
                html.append("</table>");
                for (Series s : r.charts) {
                    String svg = svg(s);
                    Files.writeString(dir.resolve(s.id() + ".svg"), svg);
                    html.append("<div>").append(svg).append("</div>");
                }
            }
            html.append("</body></html>");
            Map<String, Object> root = new LinkedHashMap<>(meta);
            root.put("scenarios", json);
            Files.writeString(dir.resolve("report.json"), Json.MAPPER.writerWithDefaultPrettyPrinter()
                    .writeValueAsString(root));
            Files.writeString(dir.resolve("report.html"), html);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the report to " + dir, e);
        }
    }

    /** A line chart: x linear from 0, y linear from 0 to the largest finite value (lines clipped at 4x the p99 line's max). */
    static String svg(Series s) {
        int w = 720;
        int h = 300;
        int left = 60;
        int right = 120;
        int top = 30;
        int bottom = 40;
        double xMax = 1;
        double yMax = 0;
        for (Series.Point p : s.points()) {
            xMax = Math.max(xMax, p.x());
            for (double v : p.values().values()) {
                if (Double.isFinite(v)) {
                    yMax = Math.max(yMax, v);
                }
            }
        }
        yMax = niceCeiling(yMax <= 0 ? 1 : yMax);
        double pw = w - left - right;
        double ph = h - top - bottom;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"11\">", w, h, w, h));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"18\" font-size=\"13\">%s</text>", left, escape(s.title())));
        for (int k = 0; k <= 4; k++) {
            double y = top + ph - ph * k / 4;
            b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#eee\"/>",
                    left, y, left + pw, y));
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\">%s</text>", left - 4,
                    y + 4, trim(yMax * k / 4)));
            double x = left + pw * k / 4;
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>", x,
                    h - bottom + 15, trim(xMax * k / 4)));
        }
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>", left, top,
                left, top + ph));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#333\"/>",
                left, top + ph, left + pw, top + ph));
        b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>",
                left + pw / 2, h - 8, escape(s.xLabel())));
        b.append(String.format(Locale.ROOT, "<text x=\"14\" y=\"%.1f\" transform=\"rotate(-90 14 %.1f)\" "
                + "text-anchor=\"middle\">%s</text>", top + ph / 2, top + ph / 2, escape(s.yLabel())));
        for (int li = 0; li < s.lines().size(); li++) {
            String line = s.lines().get(li);
            StringBuilder pts = new StringBuilder();
            for (Series.Point p : s.points()) {
                Double v = p.values().get(line);
                if (v == null || !Double.isFinite(v)) {
                    continue;
                }
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", left + pw * p.x() / xMax,
                        top + ph - ph * Math.min(v, yMax) / yMax));
            }
            String colour = COLOURS[li % COLOURS.length];
            b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\">%s</text>", left + pw + 10,
                    top + 14 + 16 * li, colour, escape(line)));
        }
        b.append("</svg>");
        return b.toString();
    }

    private static double niceCeiling(double v) {
        double magnitude = Math.pow(10, Math.floor(Math.log10(v)));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * magnitude >= v) {
                return step * magnitude;
            }
        }
        return 10 * magnitude;
    }

    private static String trim(double v) {
        return v == Math.rint(v) ? String.format(Locale.ROOT, "%.0f", v) : String.format(Locale.ROOT, "%.2f", v);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
