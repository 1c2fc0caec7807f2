namespace Kiln.Cimi;

/// <summary>
/// A disk a MachineConfiguration gives its machines: <paramref name="Capacity"/> in KiB, <paramref name="Format"/> the
/// file system (<c>ext4</c>), <paramref name="InitialLocation"/> where the guest sees it, when it matters.
/// XML <c>&lt;disk&gt;&lt;capacity/&gt;&lt;format/&gt;&lt;initialLocation/&gt;&lt;/disk&gt;</c>, JSON an object in <c>disks</c>.
/// </summary>
public sealed record MachineConfigurationDisk(long Capacity, string Format, string? InitialLocation = null);
