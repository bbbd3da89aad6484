/** The sweep's parts: a raw HTTP client, the input corpus, the fixtures it defines, and the topic audit. */
package io.ackflow.app.sweep.internal;
