package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;
import io.netpolguard.model.Direction;
import io.netpolguard.model.KubeObject;
import io.netpolguard.model.NetworkPolicy;
import io.netpolguard.model.PortRange;
import io.netpolguard.model.Workload;

import java.util.List;
import java.util.function.Consumer;

/** One kind of allowance: the openings it derives from the release's own documents. */
interface AllowanceRule {

    Allowance kind();

    /** Gives every opening the release needs of this kind; what cannot be resolved goes to the release's warnings. */
    void derive(Release release, Consumer<Opening> out);

    /** An opening of this kind for a workload's pods, and why: {@code why}, said by {@code cause} (or null). */
    default Opening opening(Workload w, Direction direction, List<NetworkPolicy.Peer> peers, List<PortRange> ports,
                            String why, KubeObject cause) {
        return new Opening(kind(), w, direction, peers, ports, new Reason(kind(), why, cause));
    }
}
