namespace Kiln.Cimi;

/// <summary>A Job's <c>state</c>; on the wire <c>RUNNING</c>, <c>SUCCESS</c>, <c>FAILED</c>, <c>CANCELLED</c>.</summary>
public enum JobState
{
    Running,
    Success,
    Failed,
    Cancelled,
}
