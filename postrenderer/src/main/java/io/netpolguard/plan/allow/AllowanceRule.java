package io.netpolguard.plan.allow;

import io.netpolguard.config.Allowance;

import java.util.function.Consumer;

/** One kind of allowance: the openings it derives from the release's own documents. */
interface AllowanceRule {

    Allowance kind();

    /** Gives every opening the release needs of this kind; what cannot be resolved goes to the release's warnings. */
    void derive(Release release, Consumer<Opening> out);
}
