package io.netpolguard.plan.segregate;

import io.netpolguard.model.KubeObject;

/**
 * A text a workload's pods are given, and where it is written. Messages show only the addresses found in it (a
 * Secret's text is never shown).
 *
 * @param text     the text, with the container's {@code $(VAR)} references expanded as Kubernetes expands them
 * @param where    where, for messages: "env API_URL of container web", "key app.conf of ConfigMap web (volume config)"
 * @param document the document it is written in: the workload's, or the ConfigMap's or Secret's
 * @param defined  whether every {@code $(VAR)} left in the text names a variable the container defines (from a field
 *                 of the pod, say), or the container's variables are not all known; false when one names none
 */
record Value(String text, String where, KubeObject document, boolean defined) {

    Value(String text, String where, KubeObject document) {
        this(text, where, document, true);
    }
}
