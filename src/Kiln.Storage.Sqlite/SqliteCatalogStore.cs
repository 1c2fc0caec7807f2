using System.Text.Json;
using Kiln.Catalog;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// The embedded <see cref="ICatalogStore"/>: tables in the SQLite database, one connection per operation, and each
/// change one statement whose WHERE clause carries its conditions (owner, revision, status not final, ticket unused),
/// so concurrent callers never see a half-made decision. Split by concern into partial files.
/// </summary>
public sealed partial class SqliteCatalogStore : ICatalogStore
{
    /// <summary>SQLITE_CONSTRAINT: a UNIQUE, NOT NULL, CHECK or foreign key constraint refused the change.</summary>
    private const int ConstraintViolation = 19;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly SqliteDatabase _database;
    private readonly TimeProvider _time;

    public SqliteCatalogStore(SqliteDatabase database, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _time = time ?? TimeProvider.System;
        database.Migrate(CatalogSql.Component, CatalogSql.Migrations);
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

    /// <summary>The first column of the first row (a SELECT's, or a RETURNING's); null when there is none.</summary>
    private async Task<object?> ScalarAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, bind);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var connection = _database.Open();
        using var command = Command(connection, sql, bind);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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

    private static bool IsUniqueViolation(SqliteException e, string column) =>
        e.SqliteErrorCode == ConstraintViolation && e.Message.Contains("UNIQUE constraint failed: " + column, StringComparison.Ordinal);

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T FromJson<T>(SqliteDataReader r, string column) =>
        JsonSerializer.Deserialize<T>(Text(r, column), Json) ?? throw new InvalidDataException($"catalog column {column} holds JSON null");

    private static string Text(SqliteDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    private static string? TextOrNull(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }

    private static long Integer(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    private static long? IntegerOrNull(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);
    }

    private static bool Flag(SqliteDataReader r, string column) => Integer(r, column) != 0;

    private static Stamp ReadStamp(SqliteDataReader r) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "created_at")),
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "last_modified")),
        Integer(r, "revision"));
}
