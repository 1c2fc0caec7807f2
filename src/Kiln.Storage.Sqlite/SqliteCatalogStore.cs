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

    private Task<T?> QueryOneAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
        where T : class => SqliteStatements.QueryOneAsync(_database, sql, bind, read, cancellationToken);

    private Task<IReadOnlyList<T>> QueryListAsync<T>(string sql, Action<SqliteCommand> bind, Func<SqliteDataReader, T> read,
        CancellationToken cancellationToken) => SqliteStatements.QueryListAsync(_database, sql, bind, read, cancellationToken);

    private Task<object?> ScalarAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        SqliteStatements.ScalarAsync(_database, sql, bind, cancellationToken);

    private Task<int> ExecuteAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken) =>
        SqliteStatements.ExecuteAsync(_database, sql, bind, cancellationToken);

    private static void Bind(SqliteCommand command, string name, object? value) => SqliteStatements.Bind(command, name, value);

    private static bool IsUniqueViolation(SqliteException e, string column) =>
        e.SqliteErrorCode == ConstraintViolation && e.Message.Contains("UNIQUE constraint failed: " + column, StringComparison.Ordinal);

    private static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    private static T FromJson<T>(SqliteDataReader r, string column) =>
        JsonSerializer.Deserialize<T>(Text(r, column), Json) ?? throw new InvalidDataException($"catalog column {column} holds JSON null");

    private static string Text(SqliteDataReader r, string column) => SqliteStatements.Text(r, column);

    private static string? TextOrNull(SqliteDataReader r, string column) => SqliteStatements.TextOrNull(r, column);

    private static long Integer(SqliteDataReader r, string column) => SqliteStatements.Integer(r, column);

    private static long? IntegerOrNull(SqliteDataReader r, string column) => SqliteStatements.IntegerOrNull(r, column);

    private static bool Flag(SqliteDataReader r, string column) => Integer(r, column) != 0;

    private static Stamp ReadStamp(SqliteDataReader r) => SqliteStatements.ReadStamp(r);
}
