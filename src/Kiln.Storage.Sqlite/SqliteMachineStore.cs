using System.Text.Json;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;

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

    /// <summary>Runs <paramref name="sql"/> and reads its first row (a SELECT's, or an INSERT/UPDATE's RETURNING); null when none.</summary>
    private async Task<T?> QueryOneAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken) where T : class
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, bind);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // The change, if any, is made by now: reading its row is not cancelled any more.
        return reader.Read() ? read(reader) : null;
    }

    private async Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, bind);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    private async Task<object?> ScalarAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, bind);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<bool> DeleteAsync(string sql, string owner, long id, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, c => Identify(c, owner, id));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command;
    }

    private static void Bind(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

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

    private static Stamp ReadStamp(SqliteDataReader r) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "created_at")),
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "last_modified")),
        Integer(r, "revision"));

    private static string Text(SqliteDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    private static string? TextOrNull(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }

    private static long Integer(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));
}
