package io.ackflow.app.sweep;

import java.util.List;
import java.util.Map;

/**
 * The figures of one sweep, as written to the chaos reports.
 *
 * @param marker the string in every id the sweep used; a record carrying it in the input window was published for a
 *     refused request
 * @param inputs malformed inputs tried
 * @param byStatus answers by status ({@code no answer} for none)
 * @param serverErrors 5xx answers (must be 0)
 * @param accepted inputs that must be refused but got 1xx-3xx (must be 0)
 * @param wrongStatus refusals with a status other than documented, for authentication, {@code /ops} and {@code /dev}
 *     (must be 0)
 * @param unanswered inputs with no answer where one was due (must be 0)
 * @param notProblemJson refusals without an {@code application/problem+json} body: the container's own (a header
 *     over the size limit never reaches the application), for information
 * @param publishedForRefused records in the topics ingress writes, between the end offsets before and after the
 *     inputs, that carry the marker (must be 0)
 * @param controls valid requests sent around the inputs (the fixtures' definitions and one request of every kind)
 * @param controlsFound how many of them the same topic scan found: must equal {@code controls}, else the
 *     {@code publishedForRefused} figure proves nothing
 * @param botTokenUsed the Telegram sender had called the Bot API with the sweep bot's token (seen in
 *     {@code ackflow_telegram_sends_total}) before the logs were searched, so its logging of that call was searched
 * @param devEndpointsOff every {@code /dev} input answered 404 on every process
 * @param opsNeedAdminToken every {@code /ops} input without the admin token answered 401 or 403 on every process
 * @param sensitiveActuatorOff {@code env}, {@code configprops}, {@code heapdump} and the like answered 404
 * @param secretScan where the secrets in use were searched for, and every hit (must be none)
 */
public record SweepResult(
        String marker,
        int inputs,
        Map<String, Long> byStatus,
        long serverErrors,
        long accepted,
        long wrongStatus,
        long unanswered,
        long notProblemJson,
        long publishedForRefused,
        int controls,
        int controlsFound,
        boolean botTokenUsed,
        boolean devEndpointsOff,
        boolean opsNeedAdminToken,
        boolean sensitiveActuatorOff,
        SecretScan.Result secretScan,
        long durationMs,
        List<String> problems) {

    public boolean passed() {
        return problems.isEmpty();
    }
}
