/** Trading account risk settings (admin). */
package io.ackflow.ingress.account;
