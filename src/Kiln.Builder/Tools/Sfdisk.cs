using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>sfdisk</c>. Writes a partition table into a disk image file from a script.</summary>
public static class Sfdisk
{
    public static ToolInvocation Write(string disk, string script) =>
        new("sfdisk", ["--no-reread", "--no-tell-kernel", "--wipe", "always", disk]) { StandardInput = script };
}
