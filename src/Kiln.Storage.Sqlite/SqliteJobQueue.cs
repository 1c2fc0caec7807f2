using System.Globalization;
using Kiln.Jobs;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>The embedded <see cref="IJobQueue"/>: one table in the SQLite database, each operation one atomic statement.</summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "A job queue is what it is.")]
public sealed class SqliteJobQueue : IJobQueue
{
    private readonly SqliteDatabase _database;
    private readonly JobQueueOptions _options;
    private readonly TimeProvider _time;
    private readonly WorkSignal _signal = new();

    public SqliteJobQueue(SqliteDatabase database, JobQueueOptions options, TimeProvider? time = null)
    {
        _database = database;
        _options = options;
        _time = time ?? TimeProvider.System;
        database.Migrate(JobQueueSql.Component, JobQueueSql.Migrations);
    }

    public Task<Guid> EnqueueAsync(string type, string payload, CancellationToken cancellationToken)
    {
        var id = Guid.NewGuid();
        Execute(JobQueueSql.Enqueue, c =>
        {
            c.Parameters.AddWithValue("$id", id.ToString());
            c.Parameters.AddWithValue("$type", type);
            c.Parameters.AddWithValue("$payload", payload);
            c.Parameters.AddWithValue("$max", _options.MaxAttempts);
            c.Parameters.AddWithValue("$now", Now);
        });
        _signal.Notify();
        return Task.FromResult(id);
    }

    public Task<JobLease?> TryDequeueAsync(IReadOnlyCollection<string> types, string worker, CancellationToken cancellationToken)
    {
        if (types.Count == 0)
            return Task.FromResult<JobLease?>(null);
        var token = Guid.NewGuid();
        var expires = _time.GetUtcNow() + _options.LeaseDuration;
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JobQueueSql.DequeueTemplate.Replace("{0}",
            string.Join(", ", types.Select((_, i) => "$t" + i.ToString(CultureInfo.InvariantCulture))), StringComparison.Ordinal);
        var index = 0;
        foreach (var type in types)
            command.Parameters.AddWithValue("$t" + (index++).ToString(CultureInfo.InvariantCulture), type);
        command.Parameters.AddWithValue("$worker", worker);
        command.Parameters.AddWithValue("$token", token.ToString());
        command.Parameters.AddWithValue("$expires", expires.ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", Now);
        using var reader = command.ExecuteReader();
        JobLease? lease = reader.Read()
            ? new JobLease(Guid.Parse(reader.GetString(0)), token, reader.GetString(1), reader.GetString(2), reader.GetInt32(3), expires)
            : null;
        return Task.FromResult(lease);
    }

    public Task<HeartbeatResult> HeartbeatAsync(JobLease lease, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JobQueueSql.Heartbeat;
        command.Parameters.AddWithValue("$id", lease.JobId.ToString());
        command.Parameters.AddWithValue("$token", lease.Token.ToString());
        command.Parameters.AddWithValue("$expires", (_time.GetUtcNow() + _options.LeaseDuration).ToUnixTimeMilliseconds());
        command.Parameters.AddWithValue("$now", Now);
        var cancel = command.ExecuteScalar();
        return Task.FromResult(cancel switch
        {
            null => HeartbeatResult.Lost,
            long requested when requested != 0 => HeartbeatResult.CancelRequested,
            _ => HeartbeatResult.Alive,
        });
    }

    public Task<bool> FinishAsync(JobLease lease, JobOutcome outcome, string? detail, CancellationToken cancellationToken)
    {
        var changed = Execute(JobQueueSql.Finish, c =>
        {
            c.Parameters.AddWithValue("$state", StateName(outcome switch
            {
                JobOutcome.Succeeded => JobState.Succeeded,
                JobOutcome.Cancelled => JobState.Cancelled,
                _ => JobState.Failed,
            }));
            c.Parameters.AddWithValue("$now", Now);
            c.Parameters.AddWithValue("$detail", (object?)detail ?? DBNull.Value);
            c.Parameters.AddWithValue("$id", lease.JobId.ToString());
            c.Parameters.AddWithValue("$token", lease.Token.ToString());
        });
        return Task.FromResult(changed == 1);
    }

    public Task<bool> CancelAsync(Guid jobId, CancellationToken cancellationToken)
    {
        void Bind(SqliteCommand c)
        {
            c.Parameters.AddWithValue("$id", jobId.ToString());
            c.Parameters.AddWithValue("$now", Now);
        }
        return Task.FromResult(Execute(JobQueueSql.CancelQueued, Bind) == 1 || Execute(JobQueueSql.CancelRunning, Bind) == 1);
    }

    public Task<JobInfo?> GetAsync(Guid jobId, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JobQueueSql.Get;
        command.Parameters.AddWithValue("$id", jobId.ToString());
        using var reader = command.ExecuteReader();
        return Task.FromResult(reader.Read() ? ReadJob(reader) : null);
    }

    public Task<int> CountAsync(JobState state, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = JobQueueSql.Count;
        command.Parameters.AddWithValue("$state", StateName(state));
        return Task.FromResult(Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture));
    }

    public Task<int> ExpireLeasesAsync(CancellationToken cancellationToken)
    {
        var changed = Execute(JobQueueSql.ExpireLeases, c => c.Parameters.AddWithValue("$now", Now));
        if (changed > 0)
            _signal.Notify();
        return Task.FromResult(changed);
    }

    public Task WaitForWorkAsync(TimeSpan timeout, CancellationToken cancellationToken) =>
        _signal.WaitAsync(timeout, _time, cancellationToken);

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private int Execute(string sql, Action<SqliteCommand> bind)
    {
        using var connection = _database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command.ExecuteNonQuery();
    }

    private static JobInfo ReadJob(SqliteDataReader r) => new(
        Guid.Parse(r.GetString(0)), r.GetString(1), r.GetString(2), ParseState(r.GetString(3)), r.GetInt32(4), r.GetInt32(5),
        r.GetInt64(6) != 0, r.IsDBNull(7) ? null : r.GetString(7), Time(r, 8)!.Value, Time(r, 9), Time(r, 10), Time(r, 11),
        r.IsDBNull(12) ? null : r.GetString(12));

    private static DateTimeOffset? Time(SqliteDataReader r, int column) =>
        r.IsDBNull(column) ? null : DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(column));

    private static string StateName(JobState state) => state.ToString().ToLowerInvariant();

    private static JobState ParseState(string name) => Enum.Parse<JobState>(name, ignoreCase: true);
}
