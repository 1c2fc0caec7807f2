namespace Kiln.UForge.Tests.Support;

/// <summary>Files of the reference (schemas, seeds) kept in the repository's reference/ folder (its root holds Kiln.slnx).</summary>
internal static class SharedReference
{
    public static string Path(params string[] parts)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "Kiln.slnx")))
            {
                return System.IO.Path.Combine([directory.FullName, "reference", .. parts]);
            }
        }

        throw new InvalidOperationException($"No Kiln.slnx above {AppContext.BaseDirectory}.");
    }
}
