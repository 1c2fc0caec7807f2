using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>
/// Host tool: <c>rm</c>. Deletes a directory tree of the builder's (an image tree holds root-owned files, device
/// nodes and symlinks); <c>--one-file-system</c> keeps it from crossing into anything mounted below.
/// </summary>
public static class RemoveTree
{
    public static ToolInvocation Of(string path) => new("rm", ["-rf", "--one-file-system", "--", path]);
}
