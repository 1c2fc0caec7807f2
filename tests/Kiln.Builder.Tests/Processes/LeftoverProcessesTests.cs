using System.Diagnostics;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tests.Processes;

public sealed class LeftoverProcessesTests : IDisposable
{
    private readonly TempDirectory _dir = new();
    private readonly List<Process> _started = [];

    public void Dispose()
    {
        foreach (var process in _started)
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
            process.Dispose();
        }
        _dir.Dispose();
    }

    [Fact]
    public async Task Processes_naming_the_directory_are_killed_with_what_they_started()
    {
        var tree = Path.Combine(_dir.Path, "build-1");
        var tool = Start($"{tree}/tree");
        var option = Start($"--target={tree}");
        await Task.Delay(200);
        var children = ChildrenOf(tool.Id);

        var found = await LeftoverProcesses.KillAsync(tree, CancellationToken.None);

        Assert.Equal(2, found);
        Assert.True(tool.WaitForExit(5000) && option.WaitForExit(5000));
        Assert.NotEmpty(children);
        Assert.All(children, child => Assert.False(Directory.Exists($"/proc/{child}") && !IsZombie(child), $"child {child} still runs"));
    }

    [Fact]
    public async Task A_process_naming_a_sibling_directory_with_the_same_prefix_is_left_alone()
    {
        var tree = Path.Combine(_dir.Path, "build-1");
        var sibling = Start(tree + "0/tree");
        var unrelated = Start(Path.Combine(_dir.Path, "elsewhere"));

        var found = await LeftoverProcesses.KillAsync(tree, CancellationToken.None);

        Assert.Equal(0, found);
        Assert.False(sibling.HasExited);
        Assert.False(unrelated.HasExited);
    }

    /// <summary>A shell that names <paramref name="argument"/> on its command line and runs a child, as mmdebstrap runs apt.</summary>
    private Process Start(string argument)
    {
        var start = new ProcessStartInfo("sh") { ArgumentList = { "-c", "sleep 300; true", "kiln-test-tool", argument } };
        var process = Process.Start(start)!;
        _started.Add(process);
        return process;
    }

    private static List<int> ChildrenOf(int pid) =>
        [.. Directory.EnumerateDirectories("/proc")
            .Select(Path.GetFileName)
            .Where(name => int.TryParse(name, out _))
            .Select(int.Parse!)
            .Where(child => ParentOf(child) == pid)];

    private static int ParentOf(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return -1;
        }
    }

    private static bool IsZombie(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
        }
        catch (IOException)
        {
            return true;
        }
    }
}
