namespace Kiln.Cimi;

/// <summary>
/// An Action body (POST to an action's href): which action, by its full URI as the client gave it
/// (<see cref="CimiUris.StopAction"/>); whether to force it, when the client says; and properties.
/// </summary>
public sealed record MachineAction
{
    /// <summary>Never empty; not checked against the actions Kiln knows (that is the server's to answer).</summary>
    public required string Action { get; init; }

    /// <summary>CIMI's <c>force</c> of start, stop and restart: do it even if the guest does not cooperate.</summary>
    public bool? Force { get; init; }

    /// <summary>In the body's order; empty when none are given.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Properties { get; init; } = [];
}
