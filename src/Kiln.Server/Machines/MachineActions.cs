using Kiln.Catalog;

namespace Kiln.Server.Machines;

/// <summary>CIMI's machine actions, and which of them a machine takes in each state (only those are advertised).</summary>
internal static class MachineActions
{
    public const string Start = "http://schemas.dmtf.org/cimi/1/action/start";
    public const string Stop = "http://schemas.dmtf.org/cimi/1/action/stop";
    public const string Restart = "http://schemas.dmtf.org/cimi/1/action/restart";
    public const string Capture = "http://schemas.dmtf.org/cimi/1/action/capture";

    public static readonly IReadOnlyList<string> All = [Start, Stop, Restart, Capture];

    /// <summary>
    /// Stopped: start, capture (its disk is still). Error: start again (the disk is kept). Started: stop, restart.
    /// Passing states take none: the operation under way ends them.
    /// </summary>
    public static IReadOnlyList<string> Valid(MachineState state) => state switch
    {
        MachineState.Stopped => [Start, Capture],
        MachineState.Error => [Start],
        MachineState.Started => [Stop, Restart],
        _ => [],
    };

    /// <summary>The action URI for a full URI or its last segment ("stop"); null when it is none of CIMI's machine actions.</summary>
    public static string? Parse(string action)
    {
        var name = action.Trim();
        return All.FirstOrDefault(a => a == name || a.EndsWith("/" + name, StringComparison.Ordinal));
    }

    /// <summary>"start" for <see cref="Start"/>.</summary>
    public static string Name(string action) => action[(action.LastIndexOf('/') + 1)..];
}
