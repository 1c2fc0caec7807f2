using System.Text.Json;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;
using static Kiln.Storage.Sqlite.SqliteStatements;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="IMachineStore"/>: tables of the "machines" component in the SQLite database, one connection
/// per operation, and each change one statement whose WHERE clause carries its conditions (owner, revision, expected
/// states), so concurrent callers never both win. Split by concern: machines, then configurations and templates.
/// </summary>
public sealed partial class SqliteMachineStore : IMachineStore
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteMachineStore(SqliteDatabase database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time ?? TimeProvider.System;
        database.Migrate(MachineSql.Component, MachineSql.Migrations);
    }

    private long Now => _time.GetUtcNow().ToUnixTimeMilliseconds();

    private Task<T?> QueryOneAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class => SqliteStatements.QueryOneAsync(_database, sql, bind, read, cancellationToken);

    private Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken) => SqliteStatements.QueryListAsync(_database, sql, bind, read, cancellationToken);

    private Task<object?> ScalarAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        SqliteStatements.ScalarAsync(_database, sql, bind, cancellationToken);

    private async Task<bool> DeleteAsync(string sql, string owner, long id, CancellationToken cancellationToken) =>
        await SqliteStatements.ExecuteAsync(_database, sql, c => Identify(c, owner, id), cancellationToken).ConfigureAwait(false) > 0;

    private static void Identify(SqliteCommand c, string owner, long id)
    {
        Bind(c, "$id", id);
        Bind(c, "$owner", owner);
    }

    private static void BindLabel(SqliteCommand c, ImageLabel label)
    {
        ArgumentNullException.ThrowIfNull(label);
        Bind(c, "$label_name", label.Name);
        Bind(c, "$label_description", label.Description);
        Bind(c, "$label_properties", JsonSerializer.Serialize(label.Properties, Json));
    }

    private static void BindHardware(SqliteCommand c, MachineHardware hardware)
    {
        ArgumentNullException.ThrowIfNull(hardware);
        Bind(c, "$cpu", hardware.Cpu);
        Bind(c, "$memory_mib", hardware.MemoryMiB);
        Bind(c, "$disk_bytes", hardware.DiskBytes);
    }

    private static ImageLabel ReadLabel(SqliteDataReader r) => new(
        TextOrNull(r, "label_name"), TextOrNull(r, "label_description"),
        JsonSerializer.Deserialize<Dictionary<string, string>>(Text(r, "label_properties"), Json)
            ?? throw new InvalidDataException("machine store column label_properties holds JSON null"));

    private static MachineHardware ReadHardware(SqliteDataReader r) =>
        new((int)Integer(r, "cpu"), (int)Integer(r, "memory_mib"), Integer(r, "disk_bytes"));
}
