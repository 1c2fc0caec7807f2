namespace Kiln.Builder.Stages;

/// <summary>
/// Writes files into the image's tree. A path already there is removed first, so a symlink in the tree
/// (/etc/localtime points at an absolute path) is replaced, never followed out of the tree onto the host.
/// </summary>
internal static class TreeFiles
{
    public static string Resolve(string tree, string pathInImage)
    {
        if (!pathInImage.StartsWith('/') || pathInImage.Split('/').Any(p => p is ".." or "."))
            throw new ArgumentException($"'{pathInImage}' is not an absolute, normalized path in the image", nameof(pathInImage));
        return tree + pathInImage;
    }

    public static void Write(string tree, string pathInImage, string content, UnixFileMode mode = Default)
    {
        var path = Resolve(tree, pathInImage);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Remove(path);
        File.WriteAllText(path, content);
        File.SetUnixFileMode(path, mode);
    }

    public static void Symlink(string tree, string pathInImage, string target)
    {
        var path = Resolve(tree, pathInImage);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        Remove(path);
        File.CreateSymbolicLink(path, target);
    }

    public static void Remove(string path)
    {
        if (File.Exists(path) || new FileInfo(path).LinkTarget is not null)
            File.Delete(path);
    }

    public static bool Exists(string tree, string pathInImage) => Path.Exists(Resolve(tree, pathInImage));

    public const UnixFileMode Default =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Executable = Default | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode ReadOnlyPrivate = UnixFileMode.UserRead | UnixFileMode.GroupRead;
}
