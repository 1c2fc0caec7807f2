namespace Kiln.Testing;

/// <summary>Files of the repository the tests run from (its root is where Kiln.slnx is, found by walking up).</summary>
public static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kiln.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Kiln.slnx not found above " + AppContext.BaseDirectory);
    }
}
