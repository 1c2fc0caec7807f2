using Kiln.Catalog;
using Microsoft.Data.Sqlite;

namespace Kiln.Storage.Sqlite;

/// <summary>
/// How every store here talks to the database: one pooled connection per statement, parameters bound by name, rows
/// read by column name. Shared by the catalog and machine stores.
/// </summary>
internal static class SqliteStatements
{
    /// <summary>Runs <paramref name="sql"/> and reads its first row (a SELECT's, or an INSERT/UPDATE's RETURNING); null when none.</summary>
    public static async Task<T?> QueryOneAsync<T>(SqliteDatabase database, string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken) where T : class
    {
        using var connection = database.Open();
        using var command = Command(connection, sql, bind);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        // The change, if any, is made by now: reading its row is not cancelled any more.
        return reader.Read() ? read(reader) : null;
    }

    public static async Task<IReadOnlyList<T>> QueryListAsync<T>(SqliteDatabase database, string sql, Action<SqliteCommand> bind,
        Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, sql, bind);
        using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (reader.Read())
            rows.Add(read(reader));
        return rows;
    }

    /// <summary>The first column of the first row (a SELECT's, or a RETURNING's); null when there is none.</summary>
    public static async Task<object?> ScalarAsync(SqliteDatabase database, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, sql, bind);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The number of rows the statement changed.</summary>
    public static async Task<int> ExecuteAsync(SqliteDatabase database, string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        using var connection = database.Open();
        using var command = Command(connection, sql, bind);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public static SqliteCommand Command(SqliteConnection connection, string sql, Action<SqliteCommand> bind)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        return command;
    }

    public static void Bind(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);

    public static string Text(SqliteDataReader r, string column) => r.GetString(r.GetOrdinal(column));

    public static string? TextOrNull(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
    }

    public static long Integer(SqliteDataReader r, string column) => r.GetInt64(r.GetOrdinal(column));

    public static long? IntegerOrNull(SqliteDataReader r, string column)
    {
        var ordinal = r.GetOrdinal(column);
        return r.IsDBNull(ordinal) ? null : r.GetInt64(ordinal);
    }

    public static Stamp ReadStamp(SqliteDataReader r) => new(
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "created_at")),
        DateTimeOffset.FromUnixTimeMilliseconds(Integer(r, "last_modified")),
        Integer(r, "revision"));
}
