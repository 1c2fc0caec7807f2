namespace Kiln.Testing;

/// <summary>A fresh directory under the system temp directory, deleted with everything in it when disposed.</summary>
public sealed class TempDirectory : IDisposable
{
    public TempDirectory() => Path = Directory.CreateTempSubdirectory("kiln-test-").FullName;

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Writes a text file at a relative path, creating its directories.</summary>
    public string WriteFile(string relativePath, string content) => Write(relativePath, p => File.WriteAllText(p, content));

    /// <summary>Writes a binary file at a relative path, creating its directories.</summary>
    public string WriteFile(string relativePath, byte[] content) => Write(relativePath, p => File.WriteAllBytes(p, content));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp directory does not change any result.
        }
    }

    private string Write(string relativePath, Action<string> write)
    {
        var path = Combine(relativePath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
        write(path);
        return path;
    }
}
