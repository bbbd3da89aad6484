/** The hand-written OpenAPI 3.1 contract of the ingress endpoints, served at {@code GET /openapi.json}. */
package io.ackflow.ingress.openapi;
