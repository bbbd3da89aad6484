package io.ackflow.app.chaos;

/**
 * Who answers which question: players answer in rounds, each round one question for each of {@code players} players,
 * so a player's answers (and the messages sent back to its chat) are spread out in time; after the last question a
 * fresh group of players starts.
 */
final class PlayerRounds {
    /** A player and the index of the question it answers. */
    record Turn(long player, int question) {}

    private final int players;
    private final int questions;
    private long next;

    PlayerRounds(int players, int questions) {
        if (players < 1 || questions < 1) {
            throw new IllegalArgumentException("players and questions must be at least 1, got " + players + " and "
                    + questions);
        }
        this.players = players;
        this.questions = questions;
    }

    Turn next() {
        long i = next++;
        long group = i / ((long) players * questions);
        long within = i % ((long) players * questions);
        return new Turn(group * players + within % players, (int) (within / players));
    }
}
