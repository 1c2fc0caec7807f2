using System.Globalization;
using Kiln.Builder.Processes;

namespace Kiln.Builder.Tools;

/// <summary>
/// Host tool: <c>prlimit</c> (util-linux). Runs another tool under resource limits, for tools that read files Kiln
/// did not make (a crafted disk image can make qemu-img allocate or loop without bound). prlimit executes the tool in
/// its own process, so the tool keeps its command line (<see cref="LeftoverProcesses"/> still finds it).
/// </summary>
public static class Prlimit
{
    /// <summary><paramref name="tool"/> with at most <paramref name="addressSpaceBytes"/> of address space and <paramref name="cpuSeconds"/> of CPU time.</summary>
    public static ToolInvocation Limit(ToolInvocation tool, long addressSpaceBytes, int cpuSeconds)
    {
        ArgumentNullException.ThrowIfNull(tool);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(addressSpaceBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(cpuSeconds);
        return tool with
        {
            Program = "prlimit",
            Arguments =
            [
                string.Create(CultureInfo.InvariantCulture, $"--as={addressSpaceBytes}"),
                string.Create(CultureInfo.InvariantCulture, $"--cpu={cpuSeconds}"),
                "--",
                tool.Program,
                .. tool.Arguments,
            ],
        };
    }
}
