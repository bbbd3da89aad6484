package io.ackflow.ingress.quiz;

import io.ackflow.ingress.http.JsonFields;
import io.ackflow.schema.event.QuizDefined;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/** Reads and checks a quiz definition: questions with unique ids, options, and a correct option that exists. */
final class QuizDefinitions {
    static final int MAX_QUESTIONS = 200;
    static final int MAX_OPTIONS = 20;

    private QuizDefinitions() {}

    static QuizDefined read(String quizId, JsonFields f) {
        String title = f.text("title", 200, true);
        String botId = f.id("bot_id", false);
        List<Long> chatIds = chatIds(f);
        Instant opensAt = f.instant("opens_at", true);
        Instant closesAt = f.instant("closes_at", true);
        if (opensAt != null && closesAt != null && !opensAt.isBefore(closesAt)) {
            f.reject("closes_at", "must be after opens_at");
        }
        List<QuizDefined.Question> questions = questions(f);
        Long topN = f.integer("reward_top_n", 0, 10_000, false);
        f.validate();
        return new QuizDefined(quizId, title, botId, chatIds, opensAt, closesAt, questions,
                topN == null ? 3 : topN.intValue());
    }

    private static List<Long> chatIds(JsonFields f) {
        JsonNode arr = f.array("chat_ids", 1000, false);
        if (arr == null) {
            return List.of();
        }
        List<Long> out = new ArrayList<>();
        for (int i = 0; i < arr.size(); i++) {
            JsonNode c = arr.get(i);
            if (!c.isIntegralNumber() || !c.canConvertToLong()) {
                f.reject("chat_ids[" + i + "]", "must be an integer");
            } else {
                out.add(c.longValue());
            }
        }
        return out;
    }

    private static List<QuizDefined.Question> questions(JsonFields f) {
        JsonNode arr = f.array("questions", MAX_QUESTIONS, true);
        List<QuizDefined.Question> out = new ArrayList<>();
        if (arr == null) {
            return out;
        }
        if (arr.isEmpty()) {
            f.reject("questions", "must have at least one question");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < arr.size(); i++) {
            String path = "questions[" + i + "]";
            JsonNode q = arr.get(i);
            if (!q.isObject()) {
                f.reject(path, "must be an object");
                continue;
            }
            QuizDefined.Question question = question(f.nested(q, path), path);
            if (question != null) {
                if (!ids.add(question.id())) {
                    f.reject(path + ".id", "duplicates another question's id");
                }
                out.add(question);
            }
        }
        return out;
    }

    private static QuizDefined.Question question(JsonFields q, String path) {
        String id = q.id("id", true);
        String text = q.text("text", 1000, true);
        String correct = q.id("correct_option_id", true);
        JsonNode arr = q.array("options", MAX_OPTIONS, true);
        List<QuizDefined.Option> options = new ArrayList<>();
        Set<String> optionIds = new HashSet<>();
        if (arr != null) {
            if (arr.size() < 2) {
                q.reject(path + ".options", "must have at least 2 options");
            }
            for (int i = 0; i < arr.size(); i++) {
                String opath = path + ".options[" + i + "]";
                JsonNode o = arr.get(i);
                if (!o.isObject()) {
                    q.reject(opath, "must be an object");
                    continue;
                }
                JsonFields of = q.nested(o, opath);
                String oid = of.id("id", true);
                String otext = of.text("text", 200, true);
                if (oid != null && !optionIds.add(oid)) {
                    q.reject(opath + ".id", "duplicates another option's id");
                }
                options.add(new QuizDefined.Option(oid, otext));
            }
        }
        if (correct != null && arr != null && !optionIds.contains(correct)) {
            q.reject(path + ".correct_option_id", "must be the id of one of the options");
        }
        return id == null ? null : new QuizDefined.Question(id, text, options, correct);
    }
}
