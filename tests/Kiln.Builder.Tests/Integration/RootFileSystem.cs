using System.Globalization;

namespace Kiln.Builder.Tests.Integration;

/// <summary>Reads the root ext4 of a built raw disk with debugfs, at the root partition's offset: no mount needed.</summary>
internal sealed class RootFileSystem(string rawDisk, long offsetBytes)
{
    private string Device => rawDisk + "?offset=" + offsetBytes.ToString(CultureInfo.InvariantCulture);

    public Task<string> CatAsync(string path) => HostTool.RunAsync("debugfs", "-R", $"cat {path}", Device);

    public Task<string> StatAsync(string path) => HostTool.RunAsync("debugfs", "-R", $"stat {path}", Device);

    public Task<string> ListAsync(string path) => HostTool.RunAsync("debugfs", "-R", $"ls -l {path}", Device);
}
