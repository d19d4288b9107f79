package io.netpolguard.plan.segregate;

import io.netpolguard.model.Service;
import io.netpolguard.model.Workload;

import java.util.List;

/**
 * A workload that uses a Service of the release, and what shows it.
 *
 * @param consumer the workload whose pods connect
 * @param service  the Service they connect to
 * @param ports    the Service's ports they use
 * @param pod      for an address of one StatefulSet pod ({@code db-0.db-headless}), that pod's name; else null
 * @param address  the address as the value writes it
 * @param value    the value it is written in
 */
record ServiceUse(Workload consumer, Service service, List<Service.Port> ports, String pod, Address address,
                  Value value) {

    /** "http://api:8080 in env API_URL of container web", never a Secret's text. */
    String evidence() {
        return address.text() + " in " + value.where();
    }
}
