namespace Kiln.Cimi;

/// <summary>A MachineImage's <c>state</c>; on the wire in capitals (<c>AVAILABLE</c>), see <see cref="CimiWireNames"/>.</summary>
public enum MachineImageState
{
    Creating,
    Available,
    Deleting,
    Error,
}
