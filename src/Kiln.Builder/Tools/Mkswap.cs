using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>mkswap</c>. Writes a swap signature into a file the size of the swap partition.</summary>
public static class Mkswap
{
    public static ToolInvocation Format(string file, Guid uuid) =>
        new("mkswap", ["--uuid", uuid.ToString(), "--label", "swap", file]);
}
