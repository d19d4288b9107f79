package io.netpolguard.observe;

import java.util.Map;
import java.util.TreeMap;

/** Which of a pod's labels name it for good: not those controllers add per pod, nor netpol-guard's own. */
final class Labelling {

    private Labelling() {
    }

    /**
     * The labels without those that change from pod to pod or from version to version (pod-template-hash,
     * controller-revision-hash, the StatefulSet pod name and index, Job names and uids, the chart version) and
     * netpol-guard's (netpol-guard.io/...), which its policies add by themselves.
     */
    static Map<String, String> stable(Map<String, String> labels) {
        Map<String, String> result = new TreeMap<>();
        labels.forEach((k, v) -> {
            if (!k.startsWith("netpol-guard.io/") && !k.equals("pod-template-hash")
                    && !k.equals("controller-revision-hash") && !k.equals("pod-template-generation")
                    && !k.equals("statefulset.kubernetes.io/pod-name") && !k.equals("apps.kubernetes.io/pod-index")
                    && !k.equals("job-name") && !k.equals("controller-uid") && !k.startsWith("batch.kubernetes.io/")
                    && !k.equals("helm.sh/chart") && !k.equals("app.kubernetes.io/version")) {
                result.put(k, v);
            }
        });
        return result;
    }
}
