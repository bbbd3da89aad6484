package io.ackflow.app.sweep;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Searches text (log files, metrics, answers) for the secrets in use. A hit names the secret by its label and the
 * place by file and line or by request, and quotes the line with every secret replaced by its label: the report never
 * carries a secret.
 */
public final class SecretScan {
    /** Shorter values would match by chance; every secret ackflow accepts is at least 16 characters. */
    static final int MIN_LENGTH = 8;
    private static final int MAX_HITS = 50;
    private static final int EXCERPT = 160;

    private final List<Secret> secrets;
    private final List<Hit> hits = new ArrayList<>();
    private long hitCount;
    private int places;
    private long bytes;

    /**
     * A secret in use.
     *
     * @param label what it is, safe to print ({@code admin token}, {@code bot token of quizbot})
     * @param value the secret itself
     */
    public record Secret(String label, String value) {
        @Override
        public String toString() {
            return label;
        }
    }

    /** Where a secret was found; {@code excerpt} is the line with every secret replaced by {@code [label]}. */
    public record Hit(String secret, String where, String excerpt) {}

    /**
     * @param places files and texts searched
     * @param bytes characters searched
     * @param secrets how many distinct secrets were searched for
     * @param hitCount every occurrence found (must be 0); {@code hits} lists the first 50
     */
    public record Result(int places, long bytes, int secrets, long hitCount, List<Hit> hits) {}

    public SecretScan(List<Secret> secrets) {
        Map<String, Secret> byValue = new LinkedHashMap<>();
        for (Secret s : secrets) {
            if (s.value() != null && s.value().length() >= MIN_LENGTH) {
                byValue.putIfAbsent(s.value(), s);
            }
        }
        // longest first, so a secret that contains another is masked whole
        this.secrets = byValue.values().stream()
                .sorted(Comparator.comparingInt((Secret s) -> s.value().length()).reversed()).toList();
    }

    /** Searches a log file line by line; a missing file counts as searched and empty. Invalid UTF-8 is replaced. */
    public SecretScan file(Path file) {
        places++;
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        try (BufferedReader r = new BufferedReader(new InputStreamReader(Files.newInputStream(file), decoder))) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                bytes += line.length() + 1;
                search(line, file + ":" + n);
            }
        } catch (NoSuchFileException e) {
            // a process that never started has no log
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + " to search it for secrets", e);
        }
        return this;
    }

    /** Searches one text (an answer, a metrics page); {@code where} names it and must not contain a secret. */
    public SecretScan text(String where, String text) {
        places++;
        if (text == null) {
            return this;
        }
        bytes += text.length();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            search(lines[i], lines.length == 1 ? where : where + ", line " + (i + 1));
        }
        return this;
    }

    public Result result() {
        return new Result(places, bytes, secrets.size(), hitCount, List.copyOf(hits));
    }

    private void search(String line, String where) {
        for (Secret s : secrets) {
            int at = line.indexOf(s.value());
            while (at >= 0) {
                hitCount++;
                if (hits.size() < MAX_HITS) {
                    hits.add(new Hit(s.label(), where, excerpt(line, at)));
                }
                at = line.indexOf(s.value(), at + s.value().length());
            }
        }
    }

    /** Up to {@value #EXCERPT} characters around {@code at}, every secret in them masked. */
    private String excerpt(String line, int at) {
        String masked = line;
        int maskedAt = at;
        for (Secret s : secrets) {
            int i;
            while ((i = masked.indexOf(s.value())) >= 0) {
                String label = "[" + s.label() + "]";
                if (i < maskedAt) {
                    maskedAt += label.length() - s.value().length();
                }
                masked = masked.substring(0, i) + label + masked.substring(i + s.value().length());
            }
        }
        int from = Math.max(0, Math.min(maskedAt, masked.length()) - EXCERPT / 2);
        int to = Math.min(masked.length(), from + EXCERPT);
        return (from > 0 ? "..." : "") + masked.substring(from, to) + (to < masked.length() ? "..." : "");
    }
}
