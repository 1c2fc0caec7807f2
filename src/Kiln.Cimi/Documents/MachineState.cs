namespace Kiln.Cimi;

/// <summary>A Machine's <c>state</c>; on the wire in capitals (<c>STARTED</c>), see <see cref="CimiWireNames"/>.</summary>
public enum MachineState
{
    Creating,
    Starting,
    Started,
    Stopping,
    Stopped,
    Capturing,
    Deleting,
    Error,
}
