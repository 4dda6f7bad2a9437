"""Generated personas for the benchmarks: the seed's schema, realistic text, a fixed seed.

`make_persona(size)` writes a persona of about `size` bytes in the shape of
``personas/backend.chatmode.md``: front matter (tools, description), the "Persona:" title and an
intro, then the schema's sections in order. The size comes from level-3 subsections under Focus
Areas and Key Practices (a paragraph, a bulleted list with bold leads and inline code, now and
then a numbered list or a fenced code block), so a big persona has many sections and list items,
as a long hand-written one would. `pad_persona(text, size)` appends such subsections to an
existing persona (under an "Additional Guidance" section) until it holds about `size` bytes.
"""

from __future__ import annotations

import random

TOOLS = (
    "['changes', 'codebase', 'editFiles', 'extensions', 'fetch', 'findTestFiles', 'githubRepo', "
    "'new', 'problems', 'runCommands', 'runTasks', 'runTests', 'search', 'searchResults', "
    "'terminalLastCommand', 'testFailure', 'usages', 'vscodeAPI']"
)

SUBJECTS = (
    "the service",
    "every public API",
    "the data layer",
    "the message broker",
    "each deployment",
    "the on-call engineer",
    "the release pipeline",
    "the read model",
    "a new endpoint",
    "the migration script",
    "the cache",
    "the audit trail",
    "the integration test suite",
    "the team",
    "a background worker",
    "the identity provider",
)
VERBS = (
    "must survive",
    "should expose",
    "never hides",
    "records",
    "validates",
    "retries",
    "isolates",
    "documents",
    "measures",
    "rolls back",
    "degrades gracefully under",
    "is reviewed against",
    "keeps a budget for",
    "fails fast on",
    "is load-tested for",
    "alerts on",
)
OBJECTS = (
    "a regional outage",
    "partial network failures",
    "malformed input",
    "duplicate messages",
    "ten times the current load",
    "slow downstream dependencies",
    "schema changes",
    "expired credentials",
    "the p99 latency",
    "the error budget",
    "personal data (LGPD, GDPR)",
    "a poisoned queue",
    "clock skew between nodes",
    "a failed canary",
    "connection pool exhaustion",
    "unbounded result sets",
)
TAILS = (
    "before it reaches production",
    "with a runbook linked from the alert",
    "and the dashboard shows it within a minute",
    "so that nobody is paged for noise",
    "without a manual step",
    "behind a feature flag",
    "with structured logs and a trace id",
    "as part of the definition of done",
    "and the decision is written down in an ADR",
    "",
    "",
    "",
)
TOPICS = (
    "Idempotent Handlers",
    "Outbox Pattern",
    "Read Replicas",
    "Rate Limiting",
    "Zero-Downtime Migrations",
    "Circuit Breakers",
    "Structured Logging",
    "Distributed Tracing",
    "Secrets Rotation",
    "Backpressure",
    "Blue-Green Releases",
    "Contract Tests",
    "Cache Invalidation",
    "Bulkheads",
    "Data Retention",
    "Audit Logging",
    "Health Checks",
    "Capacity Planning",
    "Graceful Shutdown",
    "Pagination",
)
LEADS = (
    "Default",
    "Avoid",
    "Measure",
    "Prefer",
    "Document",
    "Test",
    "Alert",
    "Review",
    "Automate",
    "Limit",
)
CODE_TERMS = (
    "IHostedService",
    "CancellationToken",
    "HttpClientFactory",
    "Polly",
    "DbContext",
    "IOptions<T>",
    "ILogger<T>",
    "ActivitySource",
    "SELECT ... FOR UPDATE",
    "Retry-After",
    "ETag",
    "traceparent",
)
CODE_BLOCKS = (
    (
        "csharp",
        "builder.Services.AddHttpClient<OrdersClient>()\n"
        "    .AddPolicyHandler(Policy.Handle<HttpRequestException>()\n"
        "        .WaitAndRetryAsync(3, attempt => TimeSpan.FromMilliseconds(200 * attempt)))\n"
        "    .AddPolicyHandler(Policy.TimeoutAsync<HttpResponseMessage>(2));",
    ),
    (
        "sql",
        "CREATE INDEX CONCURRENTLY ix_orders_customer_created\n"
        "    ON orders (customer_id, created_at DESC)\n"
        "    WHERE deleted_at IS NULL;",
    ),
    (
        "yaml",
        "livenessProbe:\n"
        "  httpGet: { path: /health/live, port: 8080 }\n"
        "  periodSeconds: 10\n"
        "readinessProbe:\n"
        "  httpGet: { path: /health/ready, port: 8080 }\n"
        "  failureThreshold: 3",
    ),
)


def sentence(rng: random.Random) -> str:
    tail = rng.choice(TAILS)
    text = f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)}"
    text += f" {tail}" if tail else ""
    return text[0].upper() + text[1:] + "."


def paragraph(rng: random.Random, count: int) -> str:
    return " ".join(sentence(rng) for _ in range(count))


def bullet(rng: random.Random) -> str:
    text = sentence(rng).rstrip(".")
    kind = rng.random()
    if kind < 0.3:
        return f"- **{rng.choice(LEADS)}:** {text[0].lower()}{text[1:]}"
    if kind < 0.45:
        return f"- {text} (`{rng.choice(CODE_TERMS)}`)"
    return f"- {text}"


def subsection(rng: random.Random, number: int) -> list[str]:
    """One level-3 subsection: a paragraph, a list, sometimes steps or a code block."""
    lines = ["", f"### {rng.choice(TOPICS)} {number}", paragraph(rng, rng.randint(2, 4)), ""]
    lines += [bullet(rng) for _ in range(rng.randint(4, 9))]
    if number % 3 == 0:
        lines.append("")
        lines += [f"{step}. {sentence(rng)}" for step in range(1, rng.randint(3, 6))]
    if number % 7 == 0:
        language, code = CODE_BLOCKS[(number // 7) % len(CODE_BLOCKS)]
        lines += ["", f"```{language}", code, "```"]
    return lines


def _size(lines: list[str]) -> int:
    return sum(len(line.encode()) + 1 for line in lines)


def make_persona(size: int, *, seed: int = 7, name: str = "Platform Backend") -> str:
    """A persona of about `size` bytes (never less than the seed's few KB)."""
    rng = random.Random(seed)
    head = [
        "---",
        f"tools: {TOOLS}",
        f"description: '{name} specialist focused on reliability, scalability and compliance'",
        "---",
        "",
        f"# Persona: {name}",
        "",
        f"You are a {name.lower()} specialist who prioritizes reliability, scalability, "
        "security and compliance above all. " + paragraph(rng, 2),
        "",
        "## Core Belief",
        paragraph(rng, 3),
        "",
        "## Primary Question",
        '"Will this handle 10x the current load and remain secure and compliant?"',
        "",
        "## Decision Pattern",
        "- Reliability > features > convenience",
        "- Data integrity > performance > features",
        "- Monitoring and observability > reactive debugging",
        "- Automation > manual intervention",
        "- Horizontal scalability > vertical",
        "",
        "## Problem Solving Approach",
        *(bullet(rng) for _ in range(8)),
        "",
        "## Communication Style",
        *(bullet(rng) for _ in range(6)),
        "",
        "## Focus Areas",
        *(bullet(rng) for _ in range(9)),
    ]
    tail = [
        "",
        "## Tech Stack Focus",
        "- C#/.NET 8+, OCI Functions, ML.NET",
        "- PostgreSQL, Oracle Autonomous DB, Redis",
        "- Docker, Kubernetes, Terraform",
        "- Prometheus, Grafana, ELK stack",
        "",
        "## When to Use This Persona",
        *(bullet(rng) for _ in range(6)),
    ]
    practices = ["", "## Key Practices", *(bullet(rng) for _ in range(8))]
    focus: list[str] = []
    budget = size - _size(head) - _size(tail) - _size(practices)
    number = 1
    while budget > 0:
        block = subsection(rng, number)
        # Two of every five subsections go under Focus Areas, the rest under Key Practices.
        (focus if number % 5 in (1, 3) else practices).extend(block)
        budget -= _size(block)
        number += 1
    return "\n".join(head + focus + practices + tail) + "\n"


def pad_persona(text: str, size: int, *, seed: int) -> str:
    """The text with realistic extra subsections appended until it holds about `size` bytes."""
    rng = random.Random(seed)
    lines = [text.rstrip("\n"), "", "## Additional Guidance", paragraph(rng, 2)]
    budget = size - _size(lines)
    number = 1
    while budget > 0:
        block = subsection(rng, number)
        lines += block
        budget -= _size(block)
        number += 1
    return "\n".join(lines) + "\n"
