"""The demo's raw material: the team, products, titles, risks, rollback steps and meeting wording it draws
from. Plain data, no logic."""

from __future__ import annotations

from relmgr_tui.domain.model import Outcome, ReleaseState

TEAM = (
    "Amara Okafor", "Jonas Berg", "Priya Raman", "Mateo Alvarez", "Yuki Tanaka", "Sofia Lindqvist",
    "Daniel Cohen", "Léa Martin", "Sam [ops] Patel",
)
"""Release owners and meeting attendees; one name has brackets, which every view must show literally."""

PRODUCTS = (
    ("Payments API", "payments-api"), ("Checkout", "checkout-web"), ("Search", "search-service"),
    ("Billing", "billing"), ("Identity", "identity"), ("Notifications", "notifier"),
    ("Reporting", "reporting"), ("Data platform", "ingest"), ("Partner portal", "partner-portal"),
)
MOBILE = ("Mobile app", "mobile-app")
"""The mobile app ships calendar versions (2025.03.2); everything else shares one semantic version line."""

FEATURES = (
    "SEPA Instant transfers", "Apple Pay for returning customers", "passkey sign-in", "PostgreSQL 16 upgrade",
    "new invoice PDF layout", "GDPR data export", "dark mode", "rate limiting per API key", "Kafka 3.7 migration",
    "usage-based pricing", "search autocomplete", "screen reader accessibility", "multi-currency wallets",
    "webhook retries with backoff", "single sign-on for enterprise tenants", "quarterly revenue dashboard",
    "EU data residency", "push notification preferences", "partner onboarding wizard", "card tokenisation vault",
    "fraud scoring v2", "Android 15 support", "order tracking page", "Java 21 runtime upgrade", "bulk refunds",
)
FIXES = (
    "timeouts on CSV export", "rounding of refunds in JPY", "pagination in order history", "stale prices in search",
    "duplicate welcome emails", "slow invoice rendering", "session expiry on mobile", "retry storm on webhooks",
)
INCIDENTS = (
    "card payments time out at peak", "login loop after password reset", "duplicate invoice emails",
    "memory leak in the notification worker", "expired TLS certificate on the partner API",
    "checkout crashes on iOS 18.1", "currency rounding error on refunds", "search index stops updating",
)
MARKUP_TITLES = (
    "Card vault migration [bold red]urgent[/]",
    "Rate limits for [link=https://example.com]partner[/link] API keys",
    "Fix crash on [/] in search queries",
)
"""Titles that Rich would read as markup: the board must show them exactly as typed."""

SUMMARIES = (
    "Asked for by the sales team for the enterprise deals closing this quarter.",
    "Required before the regulator's deadline at the end of the quarter.",
    "Cuts the support tickets about this flow, currently the third biggest queue.",
    "Unblocks the partner integrations planned for next quarter.",
    "Replaces a component that goes out of vendor support this year.",
    "Measured in the last A/B test: +2.1% conversion on the affected pages.",
)

RISKS = (
    ("Database migration locks the orders table", "technical", "A long ALTER TABLE blocks writes during the peak.",
     "Run the migration online in batches; rehearse on a production-sized copy.",
     "Abort the migration and run the down script."),
    ("Partner API contract changes late", "dependency", "The partner has not frozen its v3 schema.",
     "Agree a freeze date with the partner; keep the v2 adapter behind a flag.", "Switch the flag back to v2."),
    ("Load on the search cluster doubles", "capacity", "The new autocomplete sends a query per keystroke.",
     "Debounce in the client; add two nodes before the release.", "Disable autocomplete with its flag."),
    ("Key people on holiday during the window", "people", "Two of the three on-call engineers are away.",
     "Move the window or brief a stand-in on the runbook.", "Postpone the deployment by a week."),
    ("Payment provider certificate expires", "security", "The mTLS certificate expires two days after go-live.",
     "Rotate the certificate before the release.", "Fail over to the secondary provider."),
    ("Regression in the refund flow", "quality", "Refund code changed in three places in this release.",
     "Add end-to-end tests for refunds; run them on every build.", "Roll back and refund by hand."),
    ("App store review delays the mobile release", "schedule", "Review times have been up to five days.",
     "Submit a week early with the feature behind a remote flag.", "Ship the web part first."),
    ("Data export breaks downstream reports", "integration", "Reporting reads the export with a strict parser.",
     "Share a sample file with the reporting team two weeks ahead.", "Serve the old format on the old path."),
    ("Cost of the new cluster exceeds the budget", "financial", "Usage-based pricing of the managed service.",
     "Set a budget alert and a hard quota.", "Scale down to the minimum and review."),
    ("GDPR export leaks another tenant's data", "compliance", "Tenant filters are applied in the service layer only.",
     "Add row-level security and a test per tenant.", "Disable the export and notify the DPO."),
)

STEPS = (
    ("Announce the rollback in #releases and freeze deploys", "", 2),
    ("Drain traffic from the new version at the load balancer", "lbctl drain --pool {service} --version {version}", 5),
    ("Roll the deployment back to the previous version", "kubectl rollout undo deployment/{service}", 10),
    ("Run the down migration of the database", "alembic -n {service} downgrade -1", 15),
    ("Restore the feature flags from the pre-release snapshot", "flags restore --snapshot pre-{version}", 5),
    ("Purge the CDN cache", "cdnctl purge --zone {service}", 5),
    ("Verify health checks, error rates and latency dashboards", "", 10),
    ("Tell support and stakeholders that the release was rolled back", "", 5),
)
ALWAYS_STEPS = (2, 6)
"""Every rollback plan undoes the deployment and checks the result."""

FUNCTIONS = ("Release manager", "Engineering lead", "QA lead", "Operations", "Product owner", "Security", "Support lead")
RATIONALES = {
    Outcome.GO: "All required checks passed, the rollback was rehearsed on staging and support is briefed.",
    Outcome.CONDITIONAL_GO: "Go, provided the conditions below are met before the window opens.",
    Outcome.NO_GO: "Not ready: the open items below must be done first. Review again in two days.",
}
CONDITIONS = (
    "Wire the error budget alert to on-call", "Update the support runbook", "Verify last night's database backup",
    "Get the security sign-off on the new endpoint",
)

STATE_REASONS = {
    ReleaseState.ON_HOLD: "Waiting for the vendor's security review",
    ReleaseState.CANCELLED: "Scope moved to the next release",
    ReleaseState.ROLLED_BACK: "Errors in production after the deploy",
}

OVERRIDE_REASONS = (
    "Customer commitment this week; the open items are tracked as follow-ups",
    "Load test ran on the previous build; the change since is configuration only",
    "Security fix: shipping ahead of the remaining documentation items",
)
"""Why an agile release moved over its gate's blockers."""

REVIEW_TEXTS = (
    ("The deploy went in the window with no customer impact.", "QA started late: the build arrived on day 3.",
     "The test data was a month old; two bugs hid behind it."),
    ("Rollback rehearsal paid off: the team knew every step.", "The go/no-go was held without operations.",
     "Nobody owned the status page; support heard about it from customers."),
    ("Release notes were ready a day early.", "Two hotfixes followed within a week.",
     "The regression suite misses the payment retries path."),
)
REVIEW_ACTIONS = (
    ("Load test the payment API before each release", "testing", "Load test the payment API"),
    ("Invite operations to every go/no-go", "preparing", "Invite operations to the go/no-go review"),
    ("Refresh the test data at the start of Testing", "testing", "Refresh the test data from production"),
    ("Name a status page owner for each deploy", "deploying", "Name the status page owner for the deploy"),
    ("Write the runbook for the cache flush", "", ""),
    ("Add an alert on payment retries", "", ""),
    ("Book the war room a week ahead", "", ""),
)
"""A review action's text, and the template phase and item it proposes ("" for none)."""

KEY_PREFIXES = {
    "payments-api": "PAY", "checkout-web": "CHK", "search-service": "SRCH", "billing": "BILL",
    "identity": "IDN", "notifier": "NTF", "reporting": "REP", "ingest": "DATA", "partner-portal": "PRT",
    "mobile-app": "MOB",
}
"""The tracker project of each product's scope items (PAY-123)."""
BUGS = (
    "Timeouts on CSV export", "Refunds in JPY rounded the wrong way", "Order history skips a page",
    "Search shows yesterday's prices", "Welcome email sent twice", "Invoice PDF takes 20 s to render",
    "Mobile session expires after a minute", "Webhook retries storm the partner API",
    "Card payments time out at peak", "Login loops after a password reset", "Search index stops updating",
)
CHORES = (
    "Bump the TLS library", "Remove the v1 payment endpoints", "Rotate the service account keys",
    "Move CI to the new runners", "Delete feature flags older than a quarter", "Update the on-call runbook",
    "Upgrade the logging agent", "Archive the old Grafana dashboards",
)
