using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// The embedded database file: opens connections (WAL, so readers never wait for the writer; a busy timeout instead
/// of immediate "database is locked" errors) and applies each component's numbered migrations once.
/// </summary>
public sealed class SqliteDatabase
{
    private readonly string _connectionString;

    /// <summary>
    /// The native connections already set up. The pool (shared by every instance on the same file) lends the same
    /// handle out again, and the settings live as long as it does; a handle closed and collected drops out by itself.
    /// </summary>
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    private static readonly object Done = new();

    public SqliteDatabase(string path)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
        using var connection = Open();
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, "CREATE TABLE IF NOT EXISTS kiln_migrations (component TEXT NOT NULL, version INTEGER NOT NULL, PRIMARY KEY (component, version));");
    }

    public SqliteConnection Open()
    {
        var connection = new SqliteConnection(_connectionString);
        connection.Open();
        // These settings belong to the native connection and none is stored in the file (synchronous included, even
        // under WAL): each physical connection needs them once, not each time the pool lends it out again.
        var handle = connection.Handle!;
        if (!Configured.TryGetValue(handle, out _))
        {
            // Wait up to 10 s for another writer instead of failing, keep foreign keys honest, and under WAL sync at
            // checkpoints rather than at every commit (a commit may be lost at power loss, never corrupted).
            Execute(connection, "PRAGMA busy_timeout=10000; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL;");
            Configured.AddOrUpdate(handle, Done);
        }
        return connection;
    }

    /// <summary>Runs the migrations of <paramref name="component"/> not applied yet, each in its own transaction, in order.</summary>
    public void Migrate(string component, IReadOnlyList<string> migrations)
    {
        using var connection = Open();
        for (var version = 1; version <= migrations.Count; version++)
        {
            using var transaction = connection.BeginTransaction();
            using var check = connection.CreateCommand();
            check.Transaction = transaction;
            check.CommandText = "SELECT COUNT(*) FROM kiln_migrations WHERE component = $c AND version = $v";
            check.Parameters.AddWithValue("$c", component);
            check.Parameters.AddWithValue("$v", version);
            if ((long)check.ExecuteScalar()! > 0)
                continue;
            using var apply = connection.CreateCommand();
            apply.Transaction = transaction;
            apply.CommandText = migrations[version - 1] + ";INSERT INTO kiln_migrations (component, version) VALUES ($c, $v);";
            apply.Parameters.AddWithValue("$c", component);
            apply.Parameters.AddWithValue("$v", version);
            apply.ExecuteNonQuery();
            transaction.Commit();
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
