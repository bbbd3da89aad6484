/** The HTTP surface shared by every ingress endpoint: authentication, bodies, strict JSON, problem+json answers. */
package io.ackflow.ingress.http;
