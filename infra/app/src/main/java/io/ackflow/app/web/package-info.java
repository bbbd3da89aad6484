/** The HTTP server every role shares: how Tomcat answers a request it refuses before any application code sees it. */
package io.ackflow.app.web;
