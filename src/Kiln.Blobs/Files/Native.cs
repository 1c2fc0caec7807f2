using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace Kiln.Blobs.Files;

/// <summary>
/// The few libc calls .NET does not offer as such: rename(2) that never falls back to copying (File.Move copies
/// across file systems, which would publish a partial blob), unlink(2) and rmdir(2) that say whether they did
/// anything, and extended attributes on an open file. Each returns 0 (or a length) or an errno.
/// </summary>
internal static class Native
{
    public const int ENOENT = 2;
    public const int EXDEV = 18;
    public const int ERANGE = 34;
    public const int ENODATA = 61;
    public const int EOPNOTSUPP = 95;

    /// <summary>rename(2): 0 or errno.</summary>
    public static int Rename(string from, string to) => rename(from, to) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>link(2): 0 or errno (EXDEV across file systems).</summary>
    public static int Link(string existing, string created) => link(existing, created) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>unlink(2): 0 or errno.</summary>
    public static int Unlink(string path) => unlink(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>rmdir(2): 0 or errno (ENOTEMPTY for a directory that is not empty).</summary>
    public static int RemoveDirectory(string path) => rmdir(path) == 0 ? 0 : Marshal.GetLastPInvokeError();

    /// <summary>fsetxattr(2) on an open file: 0 or errno.</summary>
    public static int SetAttribute(SafeFileHandle file, string name, byte[] value) =>
        WithDescriptor(file, fd => fsetxattr(fd, name, value, (nuint)value.Length, 0) == 0 ? 0 : Marshal.GetLastPInvokeError());

    /// <summary>fgetxattr(2) on an open file: the value's length, or minus errno.</summary>
    public static int GetAttribute(SafeFileHandle file, string name, byte[] buffer) =>
        WithDescriptor(file, fd =>
        {
            var length = fgetxattr(fd, name, buffer, (nuint)buffer.Length);
            return length >= 0 ? (int)length : -Marshal.GetLastPInvokeError();
        });

    /// <summary>An <see cref="IOException"/> for a failed call, with the system's message.</summary>
    public static IOException Error(int errno, string what, string path) =>
        new($"{what} {path}: {Marshal.GetPInvokeErrorMessage(errno)} (errno {errno}).");

    private static int WithDescriptor(SafeFileHandle file, Func<int, int> call)
    {
        var added = false;
        try
        {
            file.DangerousAddRef(ref added);
            return call((int)file.DangerousGetHandle());
        }
        finally
        {
            if (added)
                file.DangerousRelease();
        }
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int rename([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int link([MarshalAs(UnmanagedType.LPUTF8Str)] string oldpath, [MarshalAs(UnmanagedType.LPUTF8Str)] string newpath);

    [DllImport("libc", SetLastError = true)]
    private static extern int unlink([MarshalAs(UnmanagedType.LPUTF8Str)] string pathname);

    [DllImport("libc", SetLastError = true)]
    private static extern int rmdir([MarshalAs(UnmanagedType.LPUTF8Str)] string pathname);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsetxattr(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern nint fgetxattr(int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string name, byte[] value, nuint size);
}
