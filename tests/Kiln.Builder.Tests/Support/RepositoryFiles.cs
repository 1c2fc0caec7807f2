namespace Kiln.Builder.Tests.Support;

/// <summary>Files of the repository the tests run from (found by walking up to Kiln.slnx).</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Path(string relative) => System.IO.Path.Combine(Root, relative);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "Kiln.slnx")))
                return dir.FullName;
        throw new InvalidOperationException("Kiln.slnx not found above " + AppContext.BaseDirectory);
    }
}
