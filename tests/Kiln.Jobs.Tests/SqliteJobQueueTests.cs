using Kiln.Storage.Sqlite;

namespace Kiln.Jobs.Tests;

public sealed class SqliteJobQueueTests : JobQueueContract, IDisposable
{
    private readonly TempDatabase _database = new();

    protected override IJobQueue CreateQueue(TimeProvider time, JobQueueOptions options) =>
        new SqliteJobQueue(new SqliteDatabase(_database.Path), options, time);

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Jobs_survive_reopening_the_database()
    {
        var id = await CreateQueue(Time, Options).EnqueueAsync("build", "payload", default);

        var reopened = CreateQueue(Time, Options);

        var lease = await reopened.TryDequeueAsync(["build"], "w", default);
        Assert.Equal(id, lease!.JobId);
        Assert.Equal("payload", lease.Payload);
    }

    [Fact]
    public void Opening_twice_applies_the_schema_once()
    {
        CreateQueue(Time, Options);
        CreateQueue(Time, Options);

        var database = new SqliteDatabase(_database.Path);
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM kiln_migrations WHERE component = 'jobs'";
        Assert.Equal(1L, command.ExecuteScalar());
    }
}
