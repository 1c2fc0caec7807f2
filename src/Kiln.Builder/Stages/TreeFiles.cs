namespace Kiln.Builder.Stages;

/// <summary>
/// Reads and writes files of the image's tree from the host. Paths are resolved the way the image itself would
/// see them: every symlink on the way is followed inside the tree (an absolute target restarts at the tree's root,
/// '..' stops there), so a link such as /etc/localtime -> /usr/share/zoneinfo/... never leads onto the host.
/// Writing replaces whatever is at the last component (a symlink included) instead of writing through it.
/// </summary>
internal static class TreeFiles
{
    private const int MaxLinkHops = 40; // as the kernel's ELOOP limit

    /// <summary>The host path of <paramref name="pathInImage"/>'s last component, its directories resolved inside the tree.</summary>
    public static string Resolve(string tree, string pathInImage) => ResolveInside(tree, pathInImage, followLast: false);

    /// <summary>The host path of the file <paramref name="pathInImage"/> finally names, every link followed inside the tree.</summary>
    public static string ResolveTarget(string tree, string pathInImage) => ResolveInside(tree, pathInImage, followLast: true);

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

    public static bool Exists(string tree, string pathInImage) => Path.Exists(ResolveTarget(tree, pathInImage));

    private static string ResolveInside(string tree, string pathInImage, bool followLast)
    {
        if (!pathInImage.StartsWith('/') || pathInImage.Split('/').Any(p => p is ".." or "."))
            throw new ArgumentException($"'{pathInImage}' is not an absolute, normalized path in the image", nameof(pathInImage));
        var root = Path.GetFullPath(tree).TrimEnd('/');
        var pending = new Stack<string>(pathInImage.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse());
        var resolved = new List<string>();
        var hops = 0;
        while (pending.TryPop(out var part))
        {
            if (part is "" or ".")
                continue;
            if (part == "..")
            {
                if (resolved.Count > 0)
                    resolved.RemoveAt(resolved.Count - 1);
                continue;
            }
            var candidate = root + "/" + string.Join('/', resolved.Append(part));
            var target = new FileInfo(candidate).LinkTarget;
            if (target is null || (pending.Count == 0 && !followLast))
            {
                resolved.Add(part);
                continue;
            }
            if (++hops > MaxLinkHops)
                throw new IOException($"too many levels of symbolic links resolving {pathInImage} in the image");
            if (target.StartsWith('/'))
                resolved.Clear();
            foreach (var next in target.Split('/', StringSplitOptions.RemoveEmptyEntries).Reverse())
                pending.Push(next);
        }
        return resolved.Count == 0 ? root : root + "/" + string.Join('/', resolved);
    }

    public const UnixFileMode Default =
        UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    public const UnixFileMode Executable = Default | UnixFileMode.UserExecute | UnixFileMode.GroupExecute | UnixFileMode.OtherExecute;

    public const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode ReadOnlyPrivate = UnixFileMode.UserRead | UnixFileMode.GroupRead;
}
