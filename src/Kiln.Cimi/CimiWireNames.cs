namespace Kiln.Cimi;

/// <summary>The enumerations' values as CIMI writes them (<c>AVAILABLE</c>, <c>PARTIAL_SNAPSHOT</c>, <c>STARTED</c>), and back.</summary>
public static class CimiWireNames
{
    public static string Of(MachineImageState state) => state switch
    {
        MachineImageState.Creating => "CREATING",
        MachineImageState.Available => "AVAILABLE",
        MachineImageState.Deleting => "DELETING",
        MachineImageState.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Of(MachineImageType type) => type switch
    {
        MachineImageType.Image => "IMAGE",
        MachineImageType.Snapshot => "SNAPSHOT",
        MachineImageType.PartialSnapshot => "PARTIAL_SNAPSHOT",
        _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
    };

    public static string Of(MachineState state) => state switch
    {
        MachineState.Creating => "CREATING",
        MachineState.Starting => "STARTING",
        MachineState.Started => "STARTED",
        MachineState.Stopping => "STOPPING",
        MachineState.Stopped => "STOPPED",
        MachineState.Capturing => "CAPTURING",
        MachineState.Deleting => "DELETING",
        MachineState.Error => "ERROR",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    public static string Of(JobState state) => state switch
    {
        JobState.Running => "RUNNING",
        JobState.Success => "SUCCESS",
        JobState.Failed => "FAILED",
        JobState.Cancelled => "CANCELLED",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, null),
    };

    /// <summary>Reads a type as clients send it: surrounding whitespace and letter case do not matter.</summary>
    public static bool TryParse(string text, out MachineImageType type)
    {
        ArgumentNullException.ThrowIfNull(text);
        foreach (var candidate in Enum.GetValues<MachineImageType>())
        {
            if (string.Equals(text.Trim(), Of(candidate), StringComparison.OrdinalIgnoreCase))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>The accepted types, for messages: <c>IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT</c>.</summary>
    internal static string MachineImageTypes => "IMAGE, SNAPSHOT or PARTIAL_SNAPSHOT";
}
