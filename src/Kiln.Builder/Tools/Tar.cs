using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>Host tool: <c>tar</c>. Archives the customized root tree with numeric owners, ACLs and extended attributes.</summary>
public static class Tar
{
    public static ToolInvocation RootTarball(string tree, string output) =>
        new("tar", ["--create", "--gzip", "--file", output, "--numeric-owner", "--xattrs", "--acls", "--sort=name",
            "--one-file-system", "--directory", tree, "."]);
}
