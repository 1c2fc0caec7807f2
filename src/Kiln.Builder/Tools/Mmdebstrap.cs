using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>mmdebstrap</c>. Bootstraps a Debian tree into a directory without mounting anything on the host.</summary>
public static class Mmdebstrap
{
    /// <summary>Documentation and man pages are left out: an appliance does not read them and they cost disk and build time.</summary>
    private static readonly string[] DpkgOptions =
    [
        "path-exclude=/usr/share/man/*",
        "path-exclude=/usr/share/doc/*",
        "path-include=/usr/share/doc/*/copyright",
        "path-exclude=/usr/share/info/*",
    ];

    public static ToolInvocation Bootstrap(string codename, string architecture, IReadOnlyList<string> packages,
        string mirror, string target, Action<string>? onOutput)
    {
        var arguments = new List<string>
        {
            "--variant=minbase",
            // unshare mode keeps every mount inside a private namespace: killing the build leaves the host clean.
            "--mode=unshare",
            "--arch=" + architecture,
            "--include=" + string.Join(',', packages),
            "--aptopt=Acquire::Retries \"3\"",
        };
        arguments.AddRange(DpkgOptions.Select(o => "--dpkgopt=" + o));
        arguments.AddRange([codename, target, mirror]);
        return new ToolInvocation("mmdebstrap", arguments) { OnOutputLine = onOutput };
    }
}
