package io.netpolguard.plan.segregate;

import io.netpolguard.NetpolGuard;
import io.netpolguard.Result;
import io.netpolguard.Settings;
import io.netpolguard.config.Allowance;
import io.netpolguard.config.ConfigReader;
import io.netpolguard.model.Direction;
import io.netpolguard.plan.allow.Opening;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** The derivation tests' one run: release "app" in namespace team-a, segregated; and the flows it derived. */
final class DerivedUses {

    private DerivedUses() {
    }

    static Result segregated(String stream) {
        Settings s = new Settings("app", "team-a", false, true, ConfigReader.parse("segregate: true", "test"));
        return NetpolGuard.run(stream.getBytes(StandardCharsets.UTF_8), s);
    }

    /** "client -> api TCP 8080", one per egress flow derived for workload {@code from} from what it uses. */
    static List<String> uses(Result result, String from) {
        List<String> flows = new ArrayList<>();
        for (Opening o : result.openings()) {
            if (o.allowance() == Allowance.USES && o.direction() == Direction.EGRESS
                    && o.workload().name().equals(from)) {
                String to = o.peers().get(0).podSelector().matchLabels().get("netpol-guard.io/workload");
                flows.add(from + " -> " + to.substring(to.indexOf('-') + 1) + " " + String.join(",",
                        o.ports().stream().map(Object::toString).toList()));
            }
        }
        return flows;
    }
}
