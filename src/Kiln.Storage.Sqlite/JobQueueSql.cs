namespace Kiln.Storage.Sqlite;

/// <summary>The job queue's schema and statements. Times are Unix milliseconds; <c>seq</c> keeps enqueue order.</summary>
internal static class JobQueueSql
{
    public const string Component = "jobs";

    public static readonly IReadOnlyList<string> Migrations =
    [
        """
        CREATE TABLE jobs (
            seq INTEGER PRIMARY KEY AUTOINCREMENT,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            payload TEXT NOT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            max_attempts INTEGER NOT NULL,
            cancel_requested INTEGER NOT NULL DEFAULT 0,
            worker TEXT,
            lease_token TEXT,
            lease_expires_at INTEGER,
            enqueued_at INTEGER NOT NULL,
            started_at INTEGER,
            finished_at INTEGER,
            detail TEXT
        );
        CREATE INDEX jobs_queued ON jobs (state, type, seq);
        CREATE INDEX jobs_leases ON jobs (state, lease_expires_at)
        """,
    ];

    public const string Enqueue =
        "INSERT INTO jobs (id, type, payload, state, max_attempts, enqueued_at) VALUES ($id, $type, $payload, 'queued', $max, $now)";

    /// <summary>One statement picks and leases the oldest queued job, so two workers can never take the same one.</summary>
    public const string DequeueTemplate = """
        UPDATE jobs SET state = 'running', attempts = attempts + 1, worker = $worker, lease_token = $token,
            lease_expires_at = $expires, started_at = COALESCE(started_at, $now)
        WHERE seq = (SELECT seq FROM jobs WHERE state = 'queued' AND type IN ({0}) ORDER BY seq LIMIT 1)
        RETURNING id, type, payload, attempts
        """;

    public const string Heartbeat = """
        UPDATE jobs SET lease_expires_at = $expires
        WHERE id = $id AND lease_token = $token AND state = 'running' AND lease_expires_at >= $now
        RETURNING cancel_requested
        """;

    public const string Finish = """
        UPDATE jobs SET state = $state, finished_at = $now, detail = $detail, lease_token = NULL, lease_expires_at = NULL
        WHERE id = $id AND lease_token = $token AND state = 'running'
        """;

    public const string CancelQueued =
        "UPDATE jobs SET state = 'cancelled', cancel_requested = 1, finished_at = $now, detail = 'cancelled before it started' WHERE id = $id AND state = 'queued'";

    public const string CancelRunning = "UPDATE jobs SET cancel_requested = 1 WHERE id = $id AND state = 'running'";

    public const string Get = """
        SELECT id, type, payload, state, attempts, max_attempts, cancel_requested, worker, enqueued_at, started_at,
            finished_at, lease_expires_at, detail
        FROM jobs WHERE id = $id
        """;

    public const string Count = "SELECT COUNT(*) FROM jobs WHERE state = $state";

    /// <summary>An expired lease: a cancelled job ends cancelled, one with attempts left goes back to the queue, others fail.</summary>
    public const string ExpireLeases = """
        UPDATE jobs SET
            state = CASE
                WHEN cancel_requested = 1 THEN 'cancelled'
                WHEN attempts < max_attempts THEN 'queued'
                ELSE 'failed' END,
            finished_at = CASE WHEN cancel_requested = 1 OR attempts >= max_attempts THEN $now ELSE NULL END,
            detail = CASE
                WHEN cancel_requested = 1 THEN 'cancelled; its worker stopped answering'
                WHEN attempts < max_attempts THEN detail
                ELSE 'its worker stopped answering on attempt ' || attempts || ' of ' || max_attempts END,
            worker = NULL, lease_token = NULL, lease_expires_at = NULL
        WHERE state = 'running' AND lease_expires_at < $now
        """;
}
