package io.ackflow.app.chaos;

import java.util.Map;
import java.util.Random;

/** Quiz answers over HTTP ({@code POST /v1/quizzes/{id}/answers}) from players {@code h0, h1, ...}, in rounds. */
final class QuizAnswerRequests implements RequestMaker {
    static final String PLAYER_PREFIX = "h";

    private final String scenario;
    private final LoadFixture fixture;
    private final Random random;
    private final PlayerRounds rounds;

    QuizAnswerRequests(String scenario, LoadFixture fixture, Random random, int players) {
        this.scenario = scenario;
        this.fixture = fixture;
        this.random = random;
        this.rounds = new PlayerRounds(players, LoadFixture.QUESTIONS.size());
    }

    @Override
    public PlannedRequest fresh(long seq) {
        PlayerRounds.Turn turn = rounds.next();
        String option = LoadFixture.OPTIONS.get(random.nextInt(LoadFixture.OPTIONS.size()));
        return answer(seq, PLAYER_PREFIX + turn.player(), LoadFixture.QUESTIONS.get(turn.question()), option);
    }

    @Override
    public PlannedRequest repeat(PlannedRequest o, long seq) {
        return o.repeatedAs(seq);
    }

    @Override
    public PlannedRequest reanswer(PlannedRequest original, long seq) {
        return answer(seq, original.actor(), original.item(), otherOption(original.value(), random));
    }

    private PlannedRequest answer(long seq, String user, String question, String option) {
        String key = scenario + "-" + seq;
        return new PlannedRequest(seq, RequestKind.QUIZ_ANSWER, "/v1/quizzes/" + fixture.quizId() + "/answers",
                Map.of("Authorization", "Bearer " + Topology.API_KEY, "Content-Type", "application/json",
                        "Idempotency-Key", key),
                "{\"user_id\":\"" + user + "\",\"question_id\":\"" + question + "\",\"option_id\":\"" + option + "\"}",
                key, fixture.quizAnswerEventId(key), null, fixture.quizId(), user, question, option, -1);
    }

    static String otherOption(String option, Random random) {
        int i = LoadFixture.OPTIONS.indexOf(option);
        return LoadFixture.OPTIONS.get((i + 1 + random.nextInt(LoadFixture.OPTIONS.size() - 1))
                % LoadFixture.OPTIONS.size());
    }
}
