namespace Kiln.Testing;

/// <summary>A SQLite database file in a directory of its own, deleted (pooled connections closed first) with the test.</summary>
public sealed class TempDatabase : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("kiln-db-").FullName;

    public string Path => System.IO.Path.Combine(_directory, "kiln.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }
}
