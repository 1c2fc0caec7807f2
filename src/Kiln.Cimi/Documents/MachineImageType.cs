namespace Kiln.Cimi;

/// <summary>A MachineImage's <c>type</c>; on the wire <c>IMAGE</c>, <c>SNAPSHOT</c>, <c>PARTIAL_SNAPSHOT</c>.</summary>
public enum MachineImageType
{
    Image,
    Snapshot,
    PartialSnapshot,
}
