/** Bearer credentials shared by the HTTP surfaces: the admin token and the client API keys. */
package io.ackflow.schema.auth;
