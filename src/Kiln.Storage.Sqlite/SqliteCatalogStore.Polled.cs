using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// The reads clients poll (an image's status, the images version behind every kept list) run on connections this store
/// keeps open, each statement prepared once on each: a pooled connection per call would parse and plan the statement
/// again every time, and take the pool's locks. Each call is still its own read transaction, so it sees every commit
/// made before it, by any process; between calls a kept connection holds no transaction (checkpoints are not held up).
/// </summary>
public sealed partial class SqliteCatalogStore
{
    /// <summary>Enough for the requests in flight at once on a few cores; a caller finding none opens one, kept only up to this.</summary>
    private const int MaxPollingConnections = 8;

    private readonly ConcurrentStack<PollingConnection> _polling = new();

    /// <summary>Runs <paramref name="sql"/> on a kept connection and reads its first row; the default of T when none.</summary>
    private async Task<T?> QueryPolledAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        var connection = _polling.TryPop(out var kept) ? kept : new PollingConnection(_database.Open());
        var reusable = false;
        try
        {
            var command = connection.Command(sql);
            command.Parameters.Clear();
            bind(command);
            T? row;
            using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
                row = reader.Read() ? read(reader) : default;
            reusable = true;
            return row;
        }
        finally
        {
            // After a failure the connection's state is unknown: it goes back to the pool, which can tell.
            if (reusable && _polling.Count < MaxPollingConnections)
                _polling.Push(connection);
            else
                connection.Dispose();
        }
    }

    /// <summary>An open connection and the commands prepared on it, by SQL text; used by one caller at a time.</summary>
    private sealed class PollingConnection(SqliteConnection connection) : IDisposable
    {
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteCommand Command(string sql)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                _commands.Add(sql, command);
            }
            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
                command.Dispose();
            connection.Dispose();
        }
    }
}
