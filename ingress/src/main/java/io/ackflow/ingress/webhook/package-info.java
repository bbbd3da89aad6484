/** Webhook sources (admin) and signed webhooks: Standard Webhooks signatures or a shared token, trading signals. */
package io.ackflow.ingress.webhook;
